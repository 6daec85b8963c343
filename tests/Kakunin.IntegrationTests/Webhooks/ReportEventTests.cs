using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kakunin.IntegrationTests.Webhooks;

/// <summary>
/// The two event types that are about reports rather than deliveries (docs/webhooks.md): a report tied to nothing the
/// user sent (message.unmatched-report) and a read receipt that says "denied" (message.denied, RFC 3798), each sent in
/// by swaks as a remote MTA or a reader's old mail client would, heard by the node receiver (every signature checked by
/// the `standardwebhooks` package) and read back through the API.
/// </summary>
public sealed class ReportEventTests
{
    private static readonly Dictionary<string, string> AllowLoopback = new()
    {
        ["KAKUNIN__WEBHOOKS__ALLOWPRIVATETARGETS"] = "true",
        ["KAKUNIN__WEBHOOKS__POLLINTERVAL"] = "00:00:00.200",
    };

    [Fact]
    public async Task A_DSN_for_a_message_never_sent_reaches_the_receiver_as_an_unmatched_report_and_the_feed_in_order()
    {
        await using var server = await KakuninProcess.StartAsync(environment: AllowLoopback);
        using var api = await ClientAsync(server, ServerFixture.Alice);
        var port = KakuninProcess.FreePort();
        var secret = await AddWebhookAsync(api, port, "queued", "delivered", "unmatched-report");
        await using var receiver = await NodeReceiver.StartAsync(secret, port);

        var before = await SendAsync(api, "Before the stray report");
        await receiver.WaitForAsync(w => w.Type == "message.delivered", "the first message delivered");

        // A remote MTA's failure report (RFC 3464) about a message Alice never sent: another system's ENVID and Message-ID.
        var reportId = $"{Guid.NewGuid():N}@mx.elsewhere.example";
        var dsn = $"""
            From: Mail Delivery System <MAILER-DAEMON@mx.elsewhere.example>
            To: {ServerFixture.Alice}
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <{reportId}>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="rb"

            --rb
            Content-Type: text/plain

            Your message could not be delivered.

            --rb
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.elsewhere.example
            Original-Envelope-Id: never-sent-42

            Final-Recipient: rfc822; zed@elsewhere.example
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <zed@elsewhere.example>: User unknown

            --rb
            Content-Type: text/rfc822-headers

            Message-ID: <never-sent-42@other-system.example>
            Subject: Not from Alice

            --rb--
            """;
        var (exit, output) = await SwaksAsync(server.SmtpPort, ["--from", "<>", "--to", ServerFixture.Alice], dsn);
        Assert.True(exit == 0, output);

        var pushed = await receiver.WaitForAsync(w => w.Type == "message.unmatched-report", "message.unmatched-report at the receiver");
        Assert.True(pushed.Verified, pushed.Error);
        var after = await SendAsync(api, "After the stray report");
        await receiver.WaitForAsync(w => w.Type == "message.queued" && w.Id != null && Number(w.Id) > Number(pushed.Id!), "the second message queued");
        Assert.All(receiver.Received, w => Assert.True(w.Verified, w.Error));

        // The feed carries it in the one order of event ids: after the first message's events, before the second's.
        var events = (await api.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=500")).GetProperty("events").EnumerateArray().ToList();
        var ids = events.Select(e => Number(e.GetProperty("data").GetProperty("event_id").GetString()!)).ToList();
        Assert.Equal(ids.Order(), ids);
        var at = events.FindIndex(e => e.GetProperty("type").GetString() == "message.unmatched-report");
        Assert.True(at >= 0, "no unmatched report in the feed");
        Assert.All(events[..at].Where(e => MessageOf(e) is not null), e => Assert.Equal(before, MessageOf(e)));
        Assert.All(events[(at + 1)..], e => Assert.Equal(after, MessageOf(e)));
        Assert.Equal(pushed.Id, events[at].GetProperty("data").GetProperty("event_id").GetString());

        var data = events[at].GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("message_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("recipient_id").ValueKind);
        Assert.Equal("unverified", data.GetProperty("provenance").GetString()); // no DKIM, no SPF for elsewhere.example from 127.0.0.1
        var report = data.GetProperty("report");
        Assert.Equal("dsn", report.GetProperty("kind").GetString());
        Assert.Equal($"<{reportId}>", report.GetProperty("message_id").GetString());
        Assert.Equal("never-sent-42", report.GetProperty("original_envelope_id").GetString());
        Assert.Equal("<never-sent-42@other-system.example>", report.GetProperty("original_message_id").GetString());
        var named = report.GetProperty("recipients").EnumerateArray().Single();
        Assert.Equal(("zed@elsewhere.example", "failed", "5.1.1"), (named.GetProperty("address").GetString(), named.GetProperty("action").GetString(), named.GetProperty("status").GetString()));

        // The evidence is the report as it arrived, for Alice's token only.
        var evidenceUrl = data.GetProperty("evidence_url").GetString()!;
        using (var evidence = await api.GetAsync(evidenceUrl))
        {
            Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
            Assert.Equal("message/rfc822", evidence.Content.Headers.ContentType?.MediaType);
            Assert.Contains(reportId, await evidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var bob = await ClientAsync(server, ServerFixture.Bob);
        using var notBobs = await bob.GetAsync(evidenceUrl);
        Assert.Equal(HttpStatusCode.NotFound, notBobs.StatusCode);
        Assert.DoesNotContain((await bob.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=500")).GetProperty("events").EnumerateArray(),
            e => e.GetProperty("type").GetString() == "message.unmatched-report");
    }

    [Fact]
    public async Task A_denied_read_receipt_from_an_old_client_is_message_denied_and_leaves_the_read_state_unchanged()
    {
        await using var server = await KakuninProcess.StartAsync(environment: AllowLoopback);
        using var api = await ClientAsync(server, ServerFixture.Alice);
        var port = KakuninProcess.FreePort();
        var secret = await AddWebhookAsync(api, port, "read", "denied");
        await using var receiver = await NodeReceiver.StartAsync(secret, port);

        var subject = ServerFixture.Unique("Please confirm");
        var id = await SendAsync(api, subject, readReceipt: true);
        var copy = await server.WaitForMessageAsync(ServerFixture.Bob, "Inbox", m => m.Subject == subject, "Bob's copy");

        // Bob's old client answers with RFC 3798's "denied", over submission from the null reverse-path.
        var mdn = DisplayedReceipt.Compose(ServerFixture.Bob, ServerFixture.Alice, subject, copy.MessageId, reportingUa: "Old Client 2003", disposition: "manual-action/MDN-sent-manually; denied");
        var (exit, output) = await SwaksAsync(
            server.SubmissionPort,
            ["--tls", "--auth", "PLAIN", "--auth-user", ServerFixture.Bob, "--auth-password", KakuninProcess.Password, "--from", "<>", "--to", ServerFixture.Alice],
            mdn);
        Assert.True(exit == 0, output);

        var denied = await receiver.WaitForAsync(w => w.Type == "message.denied", "message.denied at the receiver");
        Assert.True(denied.Verified, denied.Error);
        Assert.DoesNotContain(receiver.Received, w => w.Type == "message.read");

        var message = await api.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");
        var recipient = message.GetProperty("recipients").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, recipient.GetProperty("read").ValueKind); // still "no receipt yet"
        Assert.Contains(recipient.GetProperty("events").EnumerateArray(), e => e.GetProperty("state").GetString() == "read:denied");
        var feed = (await api.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=500")).GetProperty("events").EnumerateArray();
        var fromFeed = feed.Single(e => e.GetProperty("type").GetString() == "message.denied");
        Assert.Equal(denied.Id, fromFeed.GetProperty("data").GetProperty("event_id").GetString());
        Assert.Equal("denied", fromFeed.GetProperty("data").GetProperty("state").GetString());
    }

    private static long Number(string eventId) => long.Parse(eventId["evt_".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static string? MessageOf(JsonElement e) => e.GetProperty("data").GetProperty("message_id").GetString();

    private static async Task<HttpClient> ClientAsync(KakuninProcess server, string user)
    {
        var (exit, output, error) = await KakuninCli.RunAsync("token", "create", user, "--name", "reports", "--data", server.DataDirectory);
        Assert.True(exit == 0, error);
        var token = output.Split('\n').Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..].Trim();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> AddWebhookAsync(HttpClient api, int port, params string[] types)
    {
        using var hook = await api.PostAsync("/api/v1/webhooks", new StringContent(
            JsonSerializer.Serialize(new { url = $"http://127.0.0.1:{port}/hooks/kakunin", event_types = types }), Encoding.UTF8, "application/json"));
        Assert.True(hook.StatusCode == HttpStatusCode.Created, await hook.Content.ReadAsStringAsync());
        return (await hook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    private static async Task<string> SendAsync(HttpClient api, string subject, bool readReceipt = false)
    {
        using var sent = await api.PostAsync("/api/v1/messages", new StringContent(
            JsonSerializer.Serialize(new { from = new { address = ServerFixture.Alice }, to = new[] { new { address = ServerFixture.Bob } }, subject, text = "Hello.", read_receipt = readReceipt }),
            Encoding.UTF8, "application/json"));
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<(int ExitCode, string Output)> SwaksAsync(int port, string[] args, string data) =>
        ExternalClient.RunAsync(
            "swaks",
            ["--server", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--helo", "client.example.net", .. args, "--data", "-"],
            data.Replace("\r\n", "\n", StringComparison.Ordinal));
}
