using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kakunin.IntegrationTests.Webhooks;

namespace Kakunin.IntegrationTests.Api;

/// <summary>
/// Kakunin with a real Postfix as its smarthost (domain peer.test, user carol; anyone else there is refused at RCPT
/// with 550 5.1.1, as Postfix does for an unknown local user), driven only through the API.
/// </summary>
public sealed class ApiPostfixFixture : KakuninAndPostfixFixture
{
    protected override async Task StartAsync()
    {
        await StartPostfixAsync("peer.test", ["--users", "carol", .. RouteToKakunin]);
        // The webhook receiver of the test listens on loopback, which the SSRF guard refuses unless an administrator allows it.
        await StartKakuninAsync(
            [.. PostfixAsSmarthost, "--trusted-networks", "127.0.0.0/8"],
            new Dictionary<string, string> { ["KAKUNIN__WEBHOOKS__ALLOWPRIVATETARGETS"] = "true", ["KAKUNIN__WEBHOOKS__POLLINTERVAL"] = "00:00:00.200" });
    }
}

public sealed class ApiEndToEndTests(ApiPostfixFixture fixture) : IClassFixture<ApiPostfixFixture>
{
    private KakuninProcess Kakunin => fixture.Kakunin;

    [Fact]
    public async Task Sent_through_the_api_to_a_local_user_and_a_refusing_remote_the_failure_its_reason_and_the_read_receipt_read_back()
    {
        var (exit, output, error) = await KakuninCli.RunAsync("token", "create", ServerFixture.Alice, "--name", "integration", "--data", Kakunin.DataDirectory);
        Assert.True(exit == 0, error);
        var token = output.Split('\n').Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..].Trim();
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Kakunin.HttpPort}") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // An application's endpoint, made through the API, hears the same story; the node receiver checks every signature.
        var port = KakuninProcess.FreePort();
        using var hook = await api.PostAsync("/api/v1/webhooks", new StringContent(
            $$"""{"url":"http://127.0.0.1:{{port}}/hooks/kakunin","event_types":["delivered","failed","read"]}""", Encoding.UTF8, "application/json"));
        Assert.True(hook.StatusCode == HttpStatusCode.Created, await hook.Content.ReadAsStringAsync());
        var secret = (await hook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        await using var receiver = await NodeReceiver.StartAsync(secret, port);

        var subject = ServerFixture.Unique("Through the API");
        using var sent = await api.PostAsync("/api/v1/messages", new StringContent($$"""
            {"from":{"address":"{{ServerFixture.Alice}}"},
             "to":[{"address":"{{ServerFixture.Bob}}","name":"Bob"},{"address":"nobody@peer.test"}],
             "subject":"{{subject}}","text":"Please confirm.",
             "delivery_receipt":{"notify":["FAILURE"]},"read_receipt":true}
            """, Encoding.UTF8, "application/json"));
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync() + fixture.Logs());
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The remote refused: failed, with Postfix's status code and its own words, read through the API.
        var failed = await WaitForAsync(api, id, "nobody@peer.test", r => r.GetProperty("state").GetString() == "failed");
        Assert.Equal("5.1.1", failed.GetProperty("status").GetString());
        Assert.Contains("nobody@peer.test", failed.GetProperty("diagnostic").GetString(), StringComparison.Ordinal);
        Assert.NotNull(failed.GetProperty("status_meaning").GetString());

        // Bob got it with the read-receipt request, and his client answers it (RFC 8098 §3) from the null reverse-path.
        var request = await Kakunin.WaitForMessageAsync(ServerFixture.Bob, "Inbox", m => m.Subject == subject, "Bob's copy");
        Assert.Contains(ServerFixture.Alice, request.Headers["Disposition-Notification-To"], StringComparison.Ordinal);
        var mdn = DisplayedReceipt.Compose(ServerFixture.Bob, ServerFixture.Alice, subject, request.MessageId);
        var (swaksExit, swaksOutput) = await ExternalClient.RunAsync(
            "swaks",
            ["--server", "127.0.0.1", "--port", Kakunin.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--helo", "client.example.net",
             "--tls", "--auth", "PLAIN", "--auth-user", ServerFixture.Bob, "--auth-password", KakuninProcess.Password,
             "--from", "<>", "--to", ServerFixture.Alice, "--data", "-"],
            mdn.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.True(swaksExit == 0, swaksOutput);

        var read = await WaitForAsync(api, id, ServerFixture.Bob, r => r.GetProperty("read").ValueKind == JsonValueKind.Object);
        Assert.Equal("delivered", read.GetProperty("state").GetString());
        Assert.Equal("displayed", read.GetProperty("read").GetProperty("state").GetString());
        Assert.Equal("local", read.GetProperty("read").GetProperty("provenance").GetString());

        // The same story in the event feed.
        var feed = await api.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=500");
        var types = feed.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("data").GetProperty("message_id").GetString() == id)
            .Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("message.failed", types);
        Assert.Contains("message.delivered", types);
        Assert.Contains("message.read", types);

        // …and pushed, signed: the refusal and the read receipt reach the application's receiver, every request verified.
        var pushedFailure = await receiver.WaitForAsync(w => w.Type == "message.failed", "message.failed");
        var pushedRead = await receiver.WaitForAsync(w => w.Type == "message.read", "message.read");
        Assert.True(pushedFailure.Verified && pushedRead.Verified, pushedFailure.Error + pushedRead.Error);
        Assert.All(receiver.Received, w => Assert.True(w.Verified, w.Error));
        Assert.DoesNotContain(receiver.Received, w => w.Type == "message.queued"); // not subscribed
    }

    private async Task<JsonElement> WaitForAsync(HttpClient api, string id, string address, Func<JsonElement, bool> condition)
    {
        JsonElement found = default;
        await Kakunin.WaitForAsync(async () =>
        {
            var message = await api.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");
            found = message.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("address").GetString() == address);
            return condition(found);
        }, $"{address} of {id} as expected\n{fixture.Logs()}", seconds: 60);
        return found;
    }
}
