using Kakunin.Store;
using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Dispatch;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Webhooks.Tests;

/// <summary>
/// The dispatcher end to end against a real store and a receiver on loopback: a burst of events is sent, each once,
/// in few passes over the outbox (webhook work batched while events come fast) and with its results written back in
/// few units of the store's writer (docs/webhooks.md, "Delivery").
/// </summary>
public sealed class DispatcherTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task A_burst_of_events_is_sent_once_each_in_few_passes_and_few_writer_units()
    {
        await using var t = await OutboxStore.OpenAsync();
        using var receiver = new LocalReceiver();
        await t.Endpoints.AddAsync(Alice, receiver.Url, [TrackingEventType.Queued], TestContext.Current.CancellationToken);
        var options = new WebhookOptions { AllowPrivateTargets = true, PassInterval = TimeSpan.FromMilliseconds(300), ResultWindow = TimeSpan.FromMilliseconds(200) };
        using var dispatcher = new WebhookDispatcher(t.Store, options, TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);
        await dispatcher.StartAsync(TestContext.Current.CancellationToken);
        await t.SendAsync(Alice, "carol@remote.test"); // the first event after a quiet spell opens a pass at once
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(10));
        var committed = new Dictionary<string, DateTimeOffset>();

        const int burst = 40; // each commit alone, each waking the dispatcher
        for (var i = 0; i < burst; i++)
        {
            await t.SendAsync(Alice, $"r{i}@remote.test");
            committed[await LastEventIdAsync(t)] = DateTimeOffset.UtcNow;
        }

        await receiver.WaitForAsync(burst + 1, TimeSpan.FromSeconds(20));
        await WaitForDeliveredAsync(t, burst + 1);
        await dispatcher.StopAsync(TestContext.Current.CancellationToken);

        var received = receiver.Received.ToList();
        Assert.Equal(burst + 1, received.Count);
        Assert.Equal(burst + 1, received.Select(r => r.Id).Distinct().Count()); // none twice
        foreach (var (id, at) in received.Where(r => committed.ContainsKey(r.Id)))
        {
            // Held back by at most the pacing window (plus a loaded machine's slack), never dropped.
            Assert.True(at - committed[id] < options.PassInterval + TimeSpan.FromSeconds(3), $"{id}: {(at - committed[id]).TotalMilliseconds} ms");
        }

        // One wake-up per commit, yet passes are at least 300 ms apart: far fewer passes than events, and results
        // gathered for 200 ms go back in far fewer writer units than webhooks.
        Assert.True(dispatcher.Passes < burst / 2, $"{dispatcher.Passes} passes for {burst} events");
        Assert.True(dispatcher.ResultUnits < burst / 4, $"{dispatcher.ResultUnits} writer units for {burst + 1} results");
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_a_failed_attempt_retried_later()
    {
        await using var t = await OutboxStore.OpenAsync();
        using var receiver = new LocalReceiver(TimeSpan.FromSeconds(5));
        await t.Endpoints.AddAsync(Alice, receiver.Url, [TrackingEventType.Queued], TestContext.Current.CancellationToken);
        var options = new WebhookOptions { AllowPrivateTargets = true, Timeout = TimeSpan.FromMilliseconds(500), FirstRetryDelay = TimeSpan.FromMinutes(5) };
        using var dispatcher = new WebhookDispatcher(t.Store, options, TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);
        await dispatcher.StartAsync(TestContext.Current.CancellationToken);
        var started = DateTimeOffset.UtcNow;
        await t.SendAsync(Alice, "carol@remote.test");

        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        (string State, long Attempts, string? Response) row = default;
        while (DateTimeOffset.UtcNow < deadline && row.Attempts == 0)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = Sql.Command(connection, "SELECT state, attempts, last_response FROM webhook_deliveries");
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            if (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                row = (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        var took = DateTimeOffset.UtcNow - started;
        await dispatcher.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("pending", 1L), (row.State, row.Attempts)); // failed once, to be tried again in 5 minutes
        Assert.StartsWith("no answer within", row.Response, StringComparison.Ordinal); // the delivery log says why
        Assert.True(took < TimeSpan.FromSeconds(4.5), $"recorded after {took.TotalSeconds:0.0} s: the attempt was not cut at its timeout");
        Assert.Single(receiver.Received);
    }

    private static async Task<string> LastEventIdAsync(OutboxStore t)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = Sql.Command(connection, "SELECT MAX(id) FROM tracking_events");
        return EventIds.Event((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    private static async Task WaitForDeliveredAsync(OutboxStore t, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = Sql.Command(connection, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'");
            if ((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= count)
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
