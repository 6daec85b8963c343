using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Dispatch;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Webhooks.Tests.Nodes;

/// <summary>
/// The results of attempts answered close together are written in one unit of the store's writer
/// (<see cref="WebhookOptions.ResultsWindow"/>; docs/benchmarks.md §13, run Q), and a result waiting for that unit holds
/// no request slot of its endpoint. A real SQLite store, the dispatcher, and real HTTP receivers on loopback.
/// </summary>
public sealed class ResultsWindowTests
{
    [Fact]
    public async Task The_results_of_one_pass_are_written_in_one_unit_when_the_last_answer_comes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Answer = async (arrival, c) =>
        {
            if (arrival > 0)
            {
                await Task.Delay(300, c); // the first answer comes well before the other two
            }

            return 204;
        };
        await using var t = await OutboxStore.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await t.Endpoints.AddAsync("alice@example.com", receiver.Url, [TrackingEventType.Queued], ct);
        }

        await t.SendAsync("alice@example.com", "r@remote.test"); // one event, three deliveries
        var units = t.Store.Writer.UnitsCommitted;

        // A window far longer than the test: only "no request out any more" closes it.
        using var dispatcher = Dispatcher(t, new WebhookOptions { AllowPrivateTargets = true, PollInterval = TimeSpan.FromMilliseconds(100), ResultsWindow = TimeSpan.FromMinutes(5) });
        await dispatcher.StartAsync(ct);
        await WaitForAsync(t, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'", 3);
        await dispatcher.StopAsync(ct);

        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(1, t.Store.Writer.UnitsCommitted - units); // without the window: the first result alone, then the others
    }

    [Fact]
    public async Task A_result_waiting_for_its_unit_does_not_hold_its_endpoints_request_slot()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fast = await LoopbackReceiver.StartAsync();
        await using var held = await LoopbackReceiver.StartAsync();
        held.Answer = async (_, c) =>
        {
            await gate.Task.WaitAsync(c); // out until the test lets it go: the fast endpoint's results wait for it
            return 204;
        };
        await using var t = await OutboxStore.OpenAsync();
        await t.Endpoints.AddAsync("alice@example.com", fast.Url, [TrackingEventType.Queued], ct);
        await t.Endpoints.AddAsync("alice@example.com", held.Url, [TrackingEventType.Queued], ct);
        await t.SendAsync("alice@example.com", "r1@remote.test");
        await t.SendAsync("alice@example.com", "r2@remote.test");

        // One request at a time per endpoint: the fast endpoint's second event can go only once its first no longer counts.
        using var dispatcher = Dispatcher(t, new WebhookOptions
        {
            AllowPrivateTargets = true,
            PollInterval = TimeSpan.FromMilliseconds(100),
            MaxConcurrencyPerEndpoint = 1,
            ResultsWindow = TimeSpan.FromMinutes(5),
            Timeout = TimeSpan.FromMinutes(5), // the held request is not given up while the test waits
        });
        await dispatcher.StartAsync(ct);
        try
        {
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
            while (fast.Received.Count < 2)
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, "the fast endpoint's second event was not sent while its first result waited");
                await Task.Delay(50, ct);
            }

            Assert.Equal(0, await CountAsync(t, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'")); // both results still waiting
        }
        finally
        {
            gate.TrySetResult();
        }

        await WaitForAsync(t, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered'", 4);
        await dispatcher.StopAsync(ct);

        Assert.Equal(2, fast.Received.Distinct().Count());
        Assert.Equal(2, fast.Received.Count);
        Assert.Equal(2, held.Received.Count);
    }

    private static WebhookDispatcher Dispatcher(OutboxStore t, WebhookOptions options) =>
        new(t.Store, options, TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);

    private static async Task WaitForAsync(OutboxStore t, string sql, long expected)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (await CountAsync(t, sql) < expected)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<long> CountAsync(OutboxStore t, string sql)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
