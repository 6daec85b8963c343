using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// Two nodes' writers whose batches take the same two rows in opposite orders (what three nodes delivering to the same
/// Inboxes do to the folders' uid counters): PostgreSQL finds the deadlock and aborts one statement. The loser must not
/// be run again inside its own transaction, which still holds the row its batch's first unit locked: the other node
/// would wait for it again and the deadlock would repeat until the unit's attempts ran out. Every unit succeeds.
/// </summary>
public sealed class WriterDeadlockTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batches_that_lock_two_rows_in_opposite_orders_all_commit_after_the_deadlock()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await using (var setup = new NpgsqlConnection(nodes.ConnectionString))
        {
            await setup.OpenAsync(Ct);
            await using var create = new NpgsqlCommand("CREATE TABLE counters (id integer PRIMARY KEY, n integer NOT NULL); INSERT INTO counters VALUES (1, 0), (2, 0)", setup);
            await create.ExecuteNonQueryAsync(Ct);
        }

        // Both writers hold their first row before either asks for its second: the deadlock is certain, not a race.
        using var bothHoldOne = new Barrier(2);
        var a = RunBatchAsync(nodes.A, first: 1, second: 2, bothHoldOne);
        var b = RunBatchAsync(nodes.B, first: 2, second: 1, bothHoldOne);

        var results = await Task.WhenAll(a, b).WaitAsync(Wait, Ct); // the old writer failed one unit with 40P01 here

        Assert.All(results, r => Assert.Equal(2, r));
        await using var check = new NpgsqlConnection(nodes.ConnectionString);
        await check.OpenAsync(Ct);
        await using var sum = new NpgsqlCommand("SELECT string_agg(n::text, ',' ORDER BY id) FROM counters", check);
        Assert.Equal("2,2", await sum.ExecuteScalarAsync(Ct)); // each row raised once by each node: nothing lost, nothing twice
    }

    [Fact]
    public async Task A_unit_held_up_by_another_nodes_lock_gives_way_and_the_batchs_other_unit_commits_meanwhile()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await using var other = new NpgsqlConnection(nodes.ConnectionString);
        await other.OpenAsync(Ct);
        await using (var create = new NpgsqlCommand("CREATE TABLE counters (id integer PRIMARY KEY, n integer NOT NULL); INSERT INTO counters VALUES (1, 0), (2, 0)", other))
        {
            await create.ExecuteNonQueryAsync(Ct);
        }

        // Another node's transaction holds row 2 (its batch is busy elsewhere) until this node's first unit has committed.
        await using var held = await other.BeginTransactionAsync(Ct);
        await using (var lockTwo = new NpgsqlCommand("UPDATE counters SET n = n + 10 WHERE id = 2", other, held))
        {
            await lockTwo.ExecuteNonQueryAsync(Ct);
        }

        using var gateRunning = new ManualResetEventSlim();
        using var openGate = new ManualResetEventSlim();
        var gate = nodes.A.Writer.WriteAsync(_ => { gateRunning.Set(); openGate.Wait(Wait); }, Ct);
        Assert.True(gateRunning.Wait(Wait));
        var one = nodes.A.Writer.WriteAsync(tx => tx.Execute("UPDATE counters SET n = n + 1 WHERE id = 1"), Ct);
        var two = nodes.A.Writer.WriteAsync(tx => tx.Execute("UPDATE counters SET n = n + 1 WHERE id = 2"), Ct);
        openGate.Set();
        await gate;

        // The first unit commits while row 2 is still held: the second gave way instead of holding row 1 behind it
        // (without the bounded wait, the first waited for the other node's whole transaction; a cycle cost a deadlock_timeout).
        var first = await Task.WhenAny(one, Task.Delay(Wait, Ct));
        Assert.Same(one, first);
        Assert.Equal(1, await one);
        Assert.False(two.IsCompleted);

        await held.CommitAsync(Ct);
        Assert.Equal(1, await two.WaitAsync(Wait, Ct)); // run again alone, it waits as long as needed and commits
        await using var sum = new NpgsqlCommand("SELECT string_agg(n::text, ',' ORDER BY id) FROM counters", other);
        Assert.Equal("1,11", await sum.ExecuteScalarAsync(Ct));
    }

    /// <summary>
    /// One batch of two units on <paramref name="store"/>'s writer: the first raises row <paramref name="first"/>, the
    /// second row <paramref name="second"/>. A gate unit holds the writer until both are queued, so they share a batch.
    /// </summary>
    private static async Task<int> RunBatchAsync(KakuninStore store, int first, int second, Barrier bothHoldOne)
    {
        using var gateRunning = new ManualResetEventSlim();
        using var openGate = new ManualResetEventSlim();
        var gate = store.Writer.WriteAsync(_ => { gateRunning.Set(); openGate.Wait(Wait); }, Ct);
        Assert.True(gateRunning.Wait(Wait));

        var met = false;
        var one = store.Writer.WriteAsync(tx =>
        {
            var n = tx.Execute("UPDATE counters SET n = n + 1 WHERE id = @id", ("@id", first));
            if (!met)
            {
                met = true; // once: a unit run again does not wait for the other node a second time
                Assert.True(bothHoldOne.SignalAndWait(Wait));
            }

            return n;
        }, Ct);
        var two = store.Writer.WriteAsync(tx => tx.Execute("UPDATE counters SET n = n + 1 WHERE id = @id", ("@id", second)), Ct);
        openGate.Set();
        await gate;
        return await one + await two;
    }
}
