using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Outbox;

namespace Kakunin.IntegrationTests.Webhooks;

/// <summary>
/// Signed webhooks for real (issue 13, docs/webhooks.md): `kakunin serve`, mail submitted with swaks to a local user,
/// and tests/peers/webhooks/receiver.js (node) verifying every request with the `standardwebhooks` npm package.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private static readonly Dictionary<string, string> AllowLoopback = new()
    {
        ["KAKUNIN__WEBHOOKS__ALLOWPRIVATETARGETS"] = "true",
        ["KAKUNIN__WEBHOOKS__FIRSTRETRYDELAY"] = "00:00:00.300",
        ["KAKUNIN__WEBHOOKS__POLLINTERVAL"] = "00:00:00.200",
    };

    [Fact]
    public async Task Mail_to_a_local_user_reaches_the_receiver_as_signed_queued_and_delivered_events()
    {
        await using var server = await KakuninProcess.StartAsync(environment: AllowLoopback);
        var port = KakuninProcess.FreePort();
        var endpoint = await AddEndpointAsync(server, $"http://127.0.0.1:{port}/hooks", TrackingEventType.Queued, TrackingEventType.Delivered);
        await using var receiver = await NodeReceiver.StartAsync(endpoint.Secret, port);

        await SubmitAsync(server, "webhook one");

        var delivered = await receiver.WaitForAsync(w => w.Type == "message.delivered", "message.delivered at the receiver");
        await receiver.WaitForAsync(w => w.Type == "message.queued", "message.queued at the receiver");
        Assert.All(receiver.Received, w => Assert.True(w.Verified, $"standardwebhooks refused {w.Id}: {w.Error}"));
        Assert.Equal(delivered.Id, delivered.EventId); // webhook-id is the event's stable id
        Assert.StartsWith("evt_", delivered.Id, StringComparison.Ordinal);
        // The log row is written after the receiver's answer (results are recorded in small batches): wait for it.
        await server.WaitForAsync(async () => await DeliveryAsync(server, delivered.Id!) == ("delivered", 1), "the delivery logged as delivered after 1 attempt");
    }

    [Fact]
    public async Task A_loopback_endpoint_is_refused_unless_the_administrator_allows_private_targets()
    {
        await using var server = await KakuninProcess.StartAsync(environment: new Dictionary<string, string> { ["KAKUNIN__WEBHOOKS__POLLINTERVAL"] = "00:00:00.200" });
        var port = KakuninProcess.FreePort();
        var endpoint = await AddEndpointAsync(server, $"http://localhost:{port}/hooks", TrackingEventType.Queued);
        await using var receiver = await NodeReceiver.StartAsync(endpoint.Secret, port);

        await SubmitAsync(server, "webhook refused");

        string? response = null;
        await server.WaitForAsync(async () => (response = await LastResponseAsync(server, endpoint.Id)) is not null, "a refused attempt in the delivery log");
        Assert.StartsWith("refused:", response, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_receiver_that_answers_500_gets_the_same_webhook_again_and_then_takes_it()
    {
        await using var server = await KakuninProcess.StartAsync(environment: AllowLoopback);
        var port = KakuninProcess.FreePort();
        var endpoint = await AddEndpointAsync(server, $"http://127.0.0.1:{port}/hooks", TrackingEventType.Delivered);
        await using var receiver = await NodeReceiver.StartAsync(endpoint.Secret, port, failFirst: 1);

        await SubmitAsync(server, "webhook retry");

        var taken = await receiver.WaitForAsync(w => w.Status == 204, "the retry taken");
        var tries = receiver.Received.Where(w => w.Id == taken.Id).ToList();
        Assert.Equal([500, 204], tries.Select(w => w.Status));
        Assert.All(tries, w => Assert.True(w.Verified, w.Error));
        await server.WaitForAsync(async () => await DeliveryAsync(server, taken.Id!) == ("delivered", 2), "the delivery logged as delivered after 2 attempts");
    }

    [Fact]
    public async Task A_kill_9_after_the_commit_loses_no_event_and_one_during_the_POST_repeats_it_with_the_same_id()
    {
        var port = KakuninProcess.FreePort();
        string data;
        long eventsBefore;
        WebhookEndpoint endpoint;
        // 1. The receiver is down: the events are committed, their deliveries pending; then the server is killed.
        await using (var server = await KakuninProcess.StartAsync(environment: AllowLoopback))
        {
            data = server.DataDirectory;
            endpoint = await AddEndpointAsync(server, $"http://127.0.0.1:{port}/hooks", TrackingEventType.Delivered);
            await SubmitAsync(server, "webhook across a kill");
            await server.WaitForAsync(async () => (await PendingAttemptsAsync(server)).Any(a => a > 0), "an attempt that found no receiver");
            eventsBefore = (await PendingAttemptsAsync(server)).Count;
            server.Kill();
        }

        // 2. The receiver answers slowly: the POST reaches it, and the server is killed before it hears the answer. 8 s,
        // under the sender's 10 s timeout: with 3 s, a loaded CI machine once took longer than that to see the request
        // and kill the server, which then had recorded the delivery, so nothing was sent again.
        await using (var receiver = await NodeReceiver.StartAsync(endpoint.Secret, port, delayMs: 8000))
        {
            await using (var server = await KakuninProcess.StartAsync(dataDirectory: data, environment: AllowLoopback))
            {
                await receiver.WaitForAsync(w => w.Verified, "the event after the restart");
                server.Kill();
            }

            var first = receiver.Received.Single();

            // 3. Started again: it was never recorded as delivered, so it is sent again, with the same webhook-id.
            await using var again = await KakuninProcess.StartAsync(dataDirectory: data, environment: AllowLoopback);
            await receiver.WaitForAsync(w => w.Id == first.Id && w.ReceivedMs > first.ReceivedMs, "the same event again");
            await again.WaitForAsync(async () => await DeliveryAsync(again, first.Id!) is ("delivered", _), "the delivery recorded");
            Assert.Equal(1, eventsBefore);
            Assert.All(receiver.Received, w => Assert.True(w.Verified, w.Error));
            Assert.Equal([first.Id], receiver.Received.Select(w => w.Id).Distinct());
        }
    }

    private static async Task<WebhookEndpoint> AddEndpointAsync(KakuninProcess server, string url, params TrackingEventType[] types)
    {
        await using var store = await server.OpenStoreAsync();
        return await new WebhookEndpoints(store, TimeProvider.System).AddAsync(ServerFixture.Alice, new Uri(url), types, CancellationToken.None);
    }

    private static async Task SubmitAsync(KakuninProcess server, string subject)
    {
        var (exit, output) = await ExternalClient.RunAsync(
            "swaks",
            ["--server", "127.0.0.1", "--port", server.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--helo", "client.example.net", "--tls",
             "--auth", "PLAIN", "--auth-user", ServerFixture.Alice, "--auth-password", KakuninProcess.Password,
             "--from", ServerFixture.Alice, "--to", ServerFixture.Bob, "--header", "Subject: " + subject, "--body", "hello"]);
        Assert.True(exit == 0, output);
    }

    private static async Task<(string State, int Attempts)?> DeliveryAsync(KakuninProcess server, string eventId)
    {
        Assert.True(EventIds.TryParseEvent(eventId, out var id));
        var rows = await QueryAsync(server, "SELECT state, attempts FROM webhook_deliveries WHERE event_id = " + id, r => (r.GetString(0), r.GetInt32(1)));
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<string?> LastResponseAsync(KakuninProcess server, long endpointId) =>
        (await QueryAsync(server, "SELECT last_response FROM webhook_deliveries WHERE last_response IS NOT NULL AND endpoint_id = " + endpointId, r => r.GetString(0))).FirstOrDefault();

    private static Task<List<int>> PendingAttemptsAsync(KakuninProcess server) =>
        QueryAsync(server, "SELECT attempts FROM webhook_deliveries WHERE state = 'pending'", r => r.GetInt32(0));

    private static async Task<List<T>> QueryAsync<T>(KakuninProcess server, string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        await using var store = await server.OpenStoreAsync();
        await using var connection = await store.OpenReadConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
