using System.Text;
using Kakunin.Store.Dialects;
using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// Change notices on PostgreSQL (docs/postgresql.md, "Change notices"): the LISTEN connection of each node hears the
/// triggers' notices of its own and other nodes' commits, another node's commit is told as "something changed", a
/// lost LISTEN connection is made again and says "everything may have changed", and the writer replaces a lost
/// connection instead of failing every write from then on.
/// </summary>
public sealed class ChangeNoticeTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mail_committed_by_one_node_is_told_to_subscribers_on_both_nodes()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await nodes.A.Directory.AddDomainAsync("example.test", Ct);
        var bob = await nodes.A.Directory.AddUserAsync("bob@example.test", "pw", Ct);
        var onA = new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var onB = new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = nodes.A.Changes.Subscribe(bob, folder => { if (folder is not null) onA.TrySetResult(folder); });
        using var b = nodes.B.Changes.Subscribe(bob, folder => { if (folder is not null) onB.TrySetResult(folder); });

        await nodes.A.Mailboxes.AppendAsync("bob@example.test", "Inbox", Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nhello\r\n"), "", T0, Ct);

        var inbox = await nodes.B.Imap.GetCountersAsync(bob, "Inbox", Ct);
        Assert.Equal(inbox!.FolderId, await onA.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct)); // the node's own commit
        Assert.Equal(inbox.FolderId, await onB.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct)); // the other node's
    }

    [Fact]
    public async Task Another_nodes_commit_of_anything_is_told_as_something_changed_and_the_own_is_not()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        var heardOnA = 0;
        var heardOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = nodes.A.Changes.SubscribeExternal(() => Interlocked.Increment(ref heardOnA));
        using var b = nodes.B.Changes.SubscribeExternal(() => heardOnB.TrySetResult());

        await nodes.A.Directory.AddDomainAsync("example.test", Ct); // no trigger notices this: only the writer's commit notice

        await heardOnB.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await Task.Delay(PostgresNoticeWait, Ct);
        Assert.Equal(0, Volatile.Read(ref heardOnA));
    }

    [Fact]
    public async Task A_lost_listen_connection_is_made_again_and_says_everything_may_have_changed()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await nodes.A.Directory.AddDomainAsync("example.test", Ct);
        var bob = await nodes.A.Directory.AddUserAsync("bob@example.test", "pw", Ct);
        await Task.Delay(PostgresNoticeWait, Ct); // A's commit notices are told on B before the subscription below
        var everything = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var folder = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var external = nodes.B.Changes.SubscribeExternal(() => everything.TrySetResult());
        using var mail = nodes.B.Changes.Subscribe(bob, f => { if (f is not null) folder.TrySetResult(); });

        // The listening sessions are ended by the server, as a restart or a network cut would.
        await TerminateAsync(nodes.ConnectionString, "query LIKE 'LISTEN%'");
        await everything.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct); // told after the reconnect: notices may have been lost
        await WaitForListenersAsync(nodes.ConnectionString, 2);

        // Listening again: a delivery by the other node is heard.
        await nodes.A.Mailboxes.AppendAsync("bob@example.test", "Inbox", Encoding.ASCII.GetBytes("Subject: after\r\n\r\nx\r\n"), "", T0, Ct);
        await folder.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task The_writer_replaces_a_lost_connection_and_writes_again()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await nodes.A.Directory.AddDomainAsync("example.test", Ct);

        await TerminateAsync(nodes.ConnectionString, "true"); // every session of the database: the writers', the pools', the listeners'

        // The batch on the dead connection may fail (a 451 for its callers); the next opens a new connection.
        Exception? first = null;
        try
        {
            await nodes.A.Directory.AddUserAsync("alice@example.test", "pw", Ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            first = e;
            Assert.Equal(StoreFault.Unreachable, nodes.A.Classify(e));
        }

        await nodes.A.Directory.AddUserAsync("bob@example.test", "pw", Ct);
        Assert.NotNull(await nodes.B.Directory.FindUserIdAsync("bob@example.test", Ct));
        Assert.True(first is null || await nodes.B.Directory.FindUserIdAsync("alice@example.test", Ct) is null);
    }

    [Fact]
    public async Task Faults_are_classified_by_sqlstate()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await using var connection = new NpgsqlConnection(nodes.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", connection);
        var e = await Assert.ThrowsAnyAsync<NpgsqlException>(() => terminate.ExecuteNonQueryAsync(Ct));
        Assert.Equal(StoreFault.Unreachable, nodes.A.Classify(e)); // 57P01 admin_shutdown

        Assert.Equal(StoreFault.RetryTransaction, nodes.A.Classify(new PostgresException("deadlock", "ERROR", "ERROR", "40P01")));
        Assert.Equal(StoreFault.RetryTransaction, nodes.A.Classify(new PostgresException("serialization", "ERROR", "ERROR", "40001")));
        Assert.Equal(StoreFault.DiskFull, nodes.A.Classify(new PostgresException("disk full", "ERROR", "ERROR", "53100")));
        Assert.Equal(StoreFault.Other, nodes.A.Classify(new PostgresException("unique", "ERROR", "ERROR", "23505")));
        Assert.True(Space.OutOfSpace.Is(new PostgresException("disk full", "ERROR", "ERROR", "53100"), null));
    }

    // Both nodes' LISTEN sessions are back (pg_stat_activity); a notice sent before would be lost, by design.
    private static async Task WaitForListenersAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        for (var i = 0; i < 300; i++)
        {
            await using var listeners = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'", connection);
            if ((long)(await listeners.ExecuteScalarAsync(Ct))! >= count)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"fewer than {count} LISTEN sessions after 30 s");
    }

    private static readonly TimeSpan PostgresNoticeWait = TimeSpan.FromSeconds(1);

    // Ends the other sessions of this database that match the condition (pg_stat_activity), from a session of its own.
    private static async Task TerminateAsync(string connectionString, string condition)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var terminate = new NpgsqlCommand(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ({condition})", connection);
        Assert.True((long)(await terminate.ExecuteScalarAsync(Ct))! > 0);
    }
}
