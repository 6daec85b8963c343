using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Dispatch;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Webhooks.Tests.Nodes;

/// <summary>
/// SQLite (one process per data folder) keeps its claim in the dispatcher's memory: the leases of migration 20 are not
/// used there. The dispatcher with a real store and the same loopback receiver as the PostgreSQL nodes.
/// </summary>
public sealed class SqliteDispatchTests
{
    [Fact]
    public async Task On_sqlite_every_event_is_posted_once_and_the_lease_columns_stay_empty()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = async (_, c) =>
        {
            await Task.Delay(20, c); // in flight while the dispatcher's next passes read the outbox again
            return 204;
        };
        await using var t = await OutboxStore.OpenAsync();
        await t.Endpoints.AddAsync("alice@example.com", receiver.Url, [TrackingEventType.Queued], ct);
        for (var i = 0; i < 20; i++)
        {
            await t.SendAsync("alice@example.com", $"r{i}@remote.test");
        }

        using var dispatcher = new WebhookDispatcher(t.Store, new WebhookOptions { AllowPrivateTargets = true, PollInterval = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);
        await dispatcher.StartAsync(ct);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (await CountAsync(t, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'") < 20)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50, ct);
        }

        await dispatcher.StopAsync(ct);

        Assert.Equal(20, receiver.Received.Count);
        Assert.Equal(20, receiver.Received.Distinct().Count());
        Assert.Equal(0, await CountAsync(t, "SELECT COUNT(*) FROM webhook_deliveries WHERE attempts <> 1 OR lease_owner IS NOT NULL OR lease_token IS NOT NULL OR lease_until IS NOT NULL"));
    }

    private static async Task<long> CountAsync(OutboxStore t, string sql)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
