using Kakunin.Store;
using Kakunin.Store.Tests.Postgres;
using Kakunin.Tests.Shared.Testing;
using Kakunin.Tracking;
using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Outbox;
using Npgsql;

namespace Kakunin.Webhooks.Tests.Nodes;

/// <summary>
/// The outbox shared by several nodes on one PostgreSQL database (docs/webhooks.md, "Several processes or nodes"): two dispatchers,
/// each with its own store on a database of a private cluster, claim deliveries with leases and write results fenced
/// by their token, posting to one real HTTP receiver on loopback. The receiver cannot tell the nodes apart (they post
/// to the same URL): arrival order does, since the second node can only post what the first stopped holding.
/// </summary>
public sealed class WebhookLeaseTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private const string Alice = "alice@example.com";
    private const string DatabaseNow = "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_running_at_once_post_every_event_exactly_once()
    {
        var database = await NewDatabaseAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = async (_, ct) =>
        {
            await Task.Delay(50, ct); // each POST takes a moment, so the nodes' passes run while others are in flight
            return 204;
        };
        await using var a = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-a", TimeSpan.FromSeconds(30), renewal: TimeSpan.FromSeconds(10)));
        await using var b = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-b", TimeSpan.FromSeconds(30), renewal: TimeSpan.FromSeconds(10)));
        await SeedAsync(a.Store, receiver.Url, events: 40);

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await Until(async () => await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'") == 40);
        await Task.WhenAll(a.Dispatcher.StopAsync(Ct), b.Dispatcher.StopAsync(Ct));

        Assert.Equal(40, receiver.Received.Count); // every event once: no delivery in two nodes' claims
        Assert.Equal(40, receiver.Received.Distinct().Count());
        Assert.Equal(40, a.Dispatcher.Delivered + b.Dispatcher.Delivered);
        Assert.NotEqual(0, a.Dispatcher.Delivered);
        Assert.NotEqual(0, b.Dispatcher.Delivered);
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE attempts <> 1 OR lease_token IS NOT NULL"));
        Assert.DoesNotContain(a.Log.Concat(b.Log), l => l.Contains("lost its lease", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_that_stops_mid_post_keeps_the_delivery_for_its_lease_and_then_the_other_node_posts_it()
    {
        var database = await NewDatabaseAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var aAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = async (arrival, ct) =>
        {
            if (arrival == 0)
            {
                await aAnswers.Task.WaitAsync(ct); // node A's POST hangs: A renews nothing (as if killed) until the test lets it go
                return 500;
            }

            return 204;
        };
        var lease = TimeSpan.FromSeconds(2);
        await using var a = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-a", lease));
        await using var b = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-b", lease));
        var endpoint = await SeedAsync(a.Store, receiver.Url, events: 1);

        await a.StartAsync();
        await Until(() => receiver.Received.Count == 1);
        var aLeaseUntil = await ScalarAsync(database, "SELECT lease_until FROM webhook_deliveries WHERE lease_owner = 'node-a'"); // claimed before the POST
        await b.StartAsync();
        // Until A's lease runs out on the database's clock, B leaves the delivery alone. The count is read first: if the
        // lease had not run out after it, it had not before it either.
        while (true)
        {
            var seen = receiver.Received.Count;
            if (await ScalarAsync(database, DatabaseNow) >= aLeaseUntil)
            {
                break;
            }

            Assert.Equal(1, seen);
            await Task.Delay(100, Ct);
        }

        await Until(async () => await ScalarAsync(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'") == 1);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(receiver.Received.Distinct()); // the same webhook-id: at-least-once, and the receiver can drop the repeat
        Assert.Equal(1, b.Dispatcher.Delivered);

        aAnswers.SetResult(); // A comes back with a 500: its result is fenced off
        await Until(() => a.Log.Any(l => l.Contains("lost its lease", StringComparison.Ordinal)));
        Assert.Equal(("delivered", 1L, 204L), await DeliveryAsync(database));
        Assert.Equal(0, await ScalarAsync(database, $"SELECT consecutive_failures FROM webhook_endpoints WHERE id = {endpoint}"));
    }

    [Fact]
    public async Task A_late_nodes_result_after_the_takeover_changes_nothing()
    {
        var database = await NewDatabaseAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var aAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = async (arrival, ct) =>
        {
            await (arrival == 0 ? aAnswers : bAnswers).Task.WaitAsync(ct);
            return arrival == 0 ? 500 : 204;
        };
        await using var a = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-a", TimeSpan.FromSeconds(1)));
        await using var b = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-b", TimeSpan.FromSeconds(30), renewal: TimeSpan.FromSeconds(10)));
        var endpoint = await SeedAsync(a.Store, receiver.Url, events: 1);

        await a.StartAsync();
        await Until(() => receiver.Received.Count == 1);
        await b.StartAsync();
        await Until(() => receiver.Received.Count == 2); // A's lease ran out while its POST hung: B took the delivery over

        // A's answer (a 500) comes while B's POST is still out: without the fence it would count a failed attempt,
        // schedule a retry, end B's lease and count a failure against the endpoint.
        aAnswers.SetResult();
        await Until(async () => a.Log.Any(l => l.Contains("lost its lease", StringComparison.Ordinal)) || (await DeliveryAsync(database)).Attempts > 0);
        Assert.Equal(("pending", 0L, (long?)null), await DeliveryAsync(database));
        Assert.True(await LeaseHeldAsync(database, "node-b"));
        Assert.Equal(0, await ScalarAsync(database, $"SELECT consecutive_failures FROM webhook_endpoints WHERE id = {endpoint}"));

        bAnswers.SetResult();
        await Until(async () => (await DeliveryAsync(database)).State == "delivered");
        Assert.Equal(("delivered", 1L, 204L), await DeliveryAsync(database));
        Assert.Single(receiver.Received.Distinct());
        Assert.DoesNotContain(b.Log, l => l.Contains("lost its lease", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_running_node_renews_its_lease_so_a_long_post_is_not_taken_over()
    {
        var database = await NewDatabaseAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = async (_, ct) =>
        {
            await answer.Task.WaitAsync(ct);
            return 204;
        };
        var lease = TimeSpan.FromSeconds(2);
        await using var a = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-a", lease, renewal: TimeSpan.FromMilliseconds(300)));
        await using var b = await DispatcherNode.OpenAsync(database, DispatcherNode.Options("node-b", lease));
        await SeedAsync(a.Store, receiver.Url, events: 1);

        await a.StartAsync();
        await Until(() => receiver.Received.Count == 1);
        await b.StartAsync();
        await Task.Delay(lease * 2, Ct); // twice the lease: without renewal B would have taken it over
        Assert.Single(receiver.Received);
        Assert.True(await LeaseHeldAsync(database, "node-a"));

        answer.SetResult();
        await Until(async () => (await DeliveryAsync(database)).State == "delivered");
        Assert.Single(receiver.Received);
        Assert.Equal(1, a.Dispatcher.Delivered);
        Assert.DoesNotContain(a.Log, l => l.Contains("lost its lease", StringComparison.Ordinal));
    }

    private Task<string> NewDatabaseAsync() => fixture.Cluster.CreateDatabaseAsync("w" + Guid.NewGuid().ToString("N"), Ct);

    /// <summary>Alice with an endpoint for "queued" at the receiver, and <paramref name="events"/> messages she sent: one delivery each.</summary>
    private static async Task<long> SeedAsync(KakuninStore store, Uri url, int events)
    {
        await store.Directory.AddDomainAsync("example.com", Ct);
        await store.Directory.AddUserAsync(Alice, "pw", Ct);
        var endpoint = await new WebhookEndpoints(store, TimeProvider.System).AddAsync(Alice, url, [TrackingEventType.Queued], Ct);
        for (var i = 0; i < events; i++)
        {
            var recipient = $"r{i}@remote.test";
            var message = new NewQueueMessage($"Q{i:D4}", Alice, [new NewQueueRecipient(recipient, null, null, null)], "Subject: x\r\n\r\nx\r\n"u8.ToArray(), DateTimeOffset.UtcNow, null, AuthenticatedUser: Alice, SenderVerified: true);
            await store.Writer.WriteAsync(
                tx =>
                {
                    var queued = QueueRepository.Insert(tx, message);
                    return TrackingRepository.Create(tx, queued.MessageId, Alice, $"<m{i}@example.com>", "Contract", DateTimeOffset.UtcNow, queued.RecipientIds.Zip([recipient]));
                },
                Ct);
        }

        return endpoint.Id;
    }

    /// <summary>Whether <paramref name="node"/> holds the (only) delivery's lease and it has not run out on the database's clock.</summary>
    private static async Task<bool> LeaseHeldAsync(string database, string node) =>
        await ScalarAsync(database, $"SELECT COUNT(*) FROM webhook_deliveries WHERE lease_owner = '{node}' AND lease_until > ({DatabaseNow})") == 1;

    /// <summary>The only delivery's state, attempts and last HTTP status.</summary>
    private static async Task<(string State, long Attempts, long? LastStatus)> DeliveryAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT state, attempts, last_status FROM webhook_deliveries", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    // A connection of its own each time, so every read sees the latest commits.
    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task Until(Func<bool> condition) => Eventually.Until(condition, Wait, Ct);

    private static Task Until(Func<Task<bool>> condition) => Eventually.Until(condition, Wait, Ct);
}
