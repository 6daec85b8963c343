using Kakunin.Protocol;
using Kakunin.Smtp.Client;
using Kakunin.Store;
using Kakunin.Store.Tests.Postgres;
using Kakunin.Tests.Shared.Testing;
using Npgsql;

namespace Kakunin.Queue.Tests.Leases;

/// <summary>
/// The queue shared by several nodes on one PostgreSQL database (docs/postgresql.md, "The queue across nodes"): two
/// runners, each with its own store on a database of a private cluster, claim with leases and settle fenced by their
/// token. Remote recipients, so an attempt can be held open in the transport; the sender is local, so a DSN lands in
/// her Inbox where it can be counted.
/// </summary>
public sealed class QueueLeaseTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static QueueOptions Options(TimeSpan lease, int batch = 500) =>
        new() { HostName = "mx.example.test", LeaseDuration = lease, BatchSize = batch, LeaseRenewal = TimeSpan.FromHours(1) };

    private static RecipientDeliveryResult Refused(OutboundRecipient r) =>
        new(r.Address, RecipientOutcomeKind.PermanentFailure, new SmtpReply(550, EnhancedStatusCodes.BadDestinationMailbox, "No such user"), null, "mx.remote.test", false);

    [Fact]
    public async Task Two_nodes_running_at_once_attempt_every_recipient_exactly_once()
    {
        var database = await fixture.Cluster.CreateDatabaseAsync("d" + Guid.NewGuid().ToString("N"), Ct);
        await using var a = await PostgresNode.OpenAsync(database, Options(TimeSpan.FromMinutes(15), batch: 5));
        await using var b = await PostgresNode.OpenAsync(database, Options(TimeSpan.FromMinutes(15), batch: 5));
        var recipients = Enumerable.Range(0, 40).Select(i => $"r{i}@remote.test").ToArray();
        await PostgresNode.SeedAsync(a.Store, recipients);
        // Each attempt takes a moment, so the two runners' claims overlap in time.
        foreach (var node in new[] { a, b })
        {
            node.Transport.Handler = (_, r) =>
            {
                Thread.Sleep(5);
                return new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.Accepted, null, null, "mx.remote.test", RemoteOffersDsn: true);
            };
        }

        await Task.WhenAll(a.RunOnceAsync(), b.RunOnceAsync(), a.RunOnceAsync(), b.RunOnceAsync());

        var sent = a.Transport.Calls.Concat(b.Transport.Calls).SelectMany(m => m.Recipients).Select(r => r.Address).ToList();
        Assert.Equal(recipients.Order(), sent.Order()); // every one once: no recipient in two nodes' claims
        Assert.NotEmpty(a.Transport.Calls);
        Assert.NotEmpty(b.Transport.Calls);
        Assert.Equal(0, await a.Store.Queue.CountOpenRecipientsAsync(Ct));
    }

    [Fact]
    public async Task A_node_that_stops_mid_delivery_leaves_its_recipients_to_another_after_the_lease()
    {
        var database = await fixture.Cluster.CreateDatabaseAsync("d" + Guid.NewGuid().ToString("N"), Ct);
        var lease = TimeSpan.FromSeconds(2);
        await using var a = await PostgresNode.OpenAsync(database, Options(lease));
        await using var b = await PostgresNode.OpenAsync(database, Options(lease));
        var queued = await PostgresNode.SeedAsync(a.Store, "bob@remote.test");
        using var aHangs = new ManualResetEventSlim();
        a.Transport.Handler = (_, r) =>
        {
            aHangs.Wait(Wait); // node A stops here: no renewal, no settlement (as if killed) until the test lets it go
            return new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.Accepted, null, null, "mx.a.test", RemoteOffersDsn: true);
        };

        var aRun = a.RunOnceAsync();
        await Until(() => !a.Transport.Calls.IsEmpty);
        var claimedAt = DateTimeOffset.UtcNow;
        Assert.Equal(0, await b.RunOnceAsync()); // A's lease holds: B leaves the recipient alone
        Assert.Empty(b.Transport.Calls);

        await Task.Delay(lease - (DateTimeOffset.UtcNow - claimedAt) + TimeSpan.FromMilliseconds(300), Ct);
        Assert.Equal(1, await b.RunOnceAsync()); // expired: B takes it over and delivers
        aHangs.Set();
        await aRun; // A comes back: its settlement is fenced off and rolled back

        var (_, after) = (await a.Store.Queue.FindAsync("Q0000", Ct))!.Value;
        var bob = Assert.Single(after);
        Assert.Equal(RecipientState.Relayed, bob.State);
        Assert.Equal("mx.remote.test", bob.RemoteMta); // B's transport's answer, not A's
        Assert.Equal(1, bob.Attempts);
        Assert.Single(b.Transport.Calls);
        Assert.Single(a.Log, l => l.Contains("lost its lease", StringComparison.Ordinal));
        Assert.NotEqual(0, queued[0].MessageId);
    }

    [Fact]
    public async Task A_late_node_whose_lease_was_taken_over_commits_nothing_even_when_both_settle_at_once()
    {
        var database = await fixture.Cluster.CreateDatabaseAsync("d" + Guid.NewGuid().ToString("N"), Ct);
        var lease = TimeSpan.FromSeconds(1);
        await using var a = await PostgresNode.OpenAsync(database, Options(lease));
        await using var b = await PostgresNode.OpenAsync(database, Options(TimeSpan.FromMinutes(15)));
        var queued = await PostgresNode.SeedAsync(a.Store, "bob@remote.test");
        var recipientId = queued[0].RecipientIds[0];
        using var aSlow = new ManualResetEventSlim();
        using var bSlow = new ManualResetEventSlim();
        // The remote refuses bob: each node that settles would queue a failure DSN back to alice (RFC 3464).
        a.Transport.Handler = (_, r) => { aSlow.Wait(Wait); return Refused(r); };
        b.Transport.Handler = (_, r) => { bSlow.Wait(Wait); return Refused(r); };

        var aRun = a.RunOnceAsync();
        await Until(() => !a.Transport.Calls.IsEmpty);
        await Task.Delay(lease + TimeSpan.FromMilliseconds(300), Ct); // A is only slow, but longer than its lease
        var bRun = b.RunOnceAsync();
        await Until(() => !b.Transport.Calls.IsEmpty);

        // Hold the row, so that both settlements read the recipient as still open before either commits: only the
        // fence tells the late one apart then (its re-read of the state cannot).
        await using (var holder = new NpgsqlConnection(database))
        {
            await holder.OpenAsync(Ct);
            await using var hold = await holder.BeginTransactionAsync(Ct);
            await using (var lockRow = new NpgsqlCommand("SELECT id FROM queue_recipients WHERE id = @id FOR UPDATE", holder, hold))
            {
                lockRow.Parameters.AddWithValue("id", recipientId);
                await lockRow.ExecuteScalarAsync(Ct);
            }

            aSlow.Set();
            bSlow.Set();
            // Both are in their settlement: waiting for the row, or (A, fenced) already given up — the fence's
            // WHERE does not match A's token, so A does not even wait.
            await Until(async () => await WaitingOnLocksAsync(database) + (a.Log.Any(l => l.Contains("lost its lease", StringComparison.Ordinal)) ? 1 : 0) >= 2);
            await hold.RollbackAsync(Ct);
        }

        await Task.WhenAll(aRun, bRun);
        await b.RunOnceAsync(); // the DSN is local: into alice's Inbox

        var inbox = await a.Store.Mailboxes.ListAsync("alice@example.test", "Inbox", Ct);
        Assert.Single(inbox); // one DSN, from B
        var (_, after) = (await a.Store.Queue.FindAsync("Q0000", Ct))!.Value;
        var bob = Assert.Single(after);
        Assert.Equal(RecipientState.Failed, bob.State);
        Assert.Equal(1, bob.Attempts);
        Assert.Single(a.Log, l => l.Contains("lost its lease", StringComparison.Ordinal));
        Assert.DoesNotContain(b.Log, l => l.Contains("lost its lease", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_running_node_renews_its_lease_so_a_long_attempt_is_not_taken_over()
    {
        var database = await fixture.Cluster.CreateDatabaseAsync("d" + Guid.NewGuid().ToString("N"), Ct);
        var lease = TimeSpan.FromSeconds(2);
        await using var a = await PostgresNode.OpenAsync(database, Options(lease) with { LeaseRenewal = TimeSpan.FromMilliseconds(300) });
        await using var b = await PostgresNode.OpenAsync(database, Options(lease));
        await PostgresNode.SeedAsync(a.Store, "bob@remote.test");
        using var aLong = new ManualResetEventSlim();
        a.Transport.Handler = (_, r) => { aLong.Wait(Wait); return new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.Accepted, null, null, "mx.a.test", true); };

        await a.Runner.StartAsync(Ct);
        await Until(() => !a.Transport.Calls.IsEmpty);
        await Task.Delay(lease * 2, Ct); // twice the lease: without renewal B would take it over
        Assert.Equal(0, await b.RunOnceAsync());
        aLong.Set();
        await Until(async () => await a.Store.Queue.CountOpenRecipientsAsync(Ct) == 0);
        await a.Runner.StopAsync(Ct);

        Assert.Empty(b.Transport.Calls);
        Assert.DoesNotContain(a.Log, l => l.Contains("lost its lease", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_that_fails_before_its_settlement_frees_its_own_recipients_not_the_rest_of_its_claim()
    {
        var database = await fixture.Cluster.CreateDatabaseAsync("d" + Guid.NewGuid().ToString("N"), Ct);
        await using var a = await PostgresNode.OpenAsync(database, Options(TimeSpan.FromMinutes(15)));
        await using var b = await PostgresNode.OpenAsync(database, Options(TimeSpan.FromMinutes(15)));
        // Two messages to two domains: two jobs of one claim, under one lease token.
        var queued = await PostgresNode.SeedAsync(a.Store, "bob@remote.test", "carol@other.test");
        using var carolHangs = new ManualResetEventSlim();
        a.Transport.Handler = (_, r) =>
        {
            if (r.Address.StartsWith("bob@", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the attempt broke before anything was recorded");
            }

            carolHangs.Wait(Wait); // still delivering while bob's job has failed
            return new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.Accepted, null, null, "mx.a.test", RemoteOffersDsn: true);
        };

        var aRun = a.RunOnceAsync();
        await Until(() => a.Transport.Calls.Count == 2); // both jobs claimed and started (a lease is null before the claim too)
        await Until(async () => await LeaseOwnerAsync(database, queued[0].RecipientIds[0]) is null); // bob's lease given up
        Assert.NotNull(await LeaseOwnerAsync(database, queued[1].RecipientIds[0])); // carol's kept: A is still sending her copy

        await b.RunOnceAsync(); // B may retry bob at once; carol is not free to take
        Assert.DoesNotContain(b.Transport.Calls.SelectMany(m => m.Recipients), r => r.Address == "carol@other.test");
        carolHangs.Set();
        await aRun;

        var (_, carol) = (await a.Store.Queue.FindAsync("Q0001", Ct))!.Value;
        Assert.Equal(RecipientState.Relayed, Assert.Single(carol).State);
        Assert.Equal("mx.a.test", carol[0].RemoteMta);
        Assert.Single(a.Transport.Calls.Concat(b.Transport.Calls).SelectMany(m => m.Recipients), r => r.Address == "carol@other.test");
    }

    private static async Task<string?> LeaseOwnerAsync(string database, long recipientId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var owner = new NpgsqlCommand("SELECT lease_owner FROM queue_recipients WHERE id = @id", connection);
        owner.Parameters.AddWithValue("id", recipientId);
        return await owner.ExecuteScalarAsync(Ct) as string;
    }

    // A connection of its own each time: inside a transaction PostgreSQL would show the same snapshot of pg_stat_activity.
    private static async Task<long> WaitingOnLocksAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    private static Task Until(Func<bool> condition) => Eventually.Until(condition, Wait, Ct);

    private static Task Until(Func<Task<bool>> condition) => Eventually.Until(condition, Wait, Ct);
}
