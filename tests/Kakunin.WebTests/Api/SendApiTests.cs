using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kakunin.WebTests.Infrastructure;
using MimeKit;
using static Kakunin.WebTests.Api.ApiRequests;

namespace Kakunin.WebTests.Api;

/// <summary>POST /api/v1/messages and reading it back, against a real server over HTTP.</summary>
[Collection(ApiServerCollection.Name)]
public sealed class SendApiTests(ApiServerFixture api)
{
    [Fact]
    public async Task A_message_sent_through_the_API_arrives_as_composed_and_its_tracking_reads_back_delivered()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        var response = await SendAsync(client, Json("""
            {"from":{"address":"alice@example.test","name":"Alice Example"},
             "to":[{"address":"bob@example.test","name":"Bob, the Builder"}],
             "subject":"Contract 42 — 契約",
             "text":"Please sign.","html":"<p>Please <b>sign</b>.</p>",
             "attachments":[{"filename":"contract.txt","content_type":"text/plain","content":"U2lnbiBoZXJlLg=="}],
             "delivery_receipt":{"notify":["SUCCESS","FAILURE"],"envid":"crm-contract-42"},
             "read_receipt":true}
            """));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = sent.GetProperty("id").GetString()!;
        Assert.StartsWith("msg_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/messages/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("crm-contract-42", sent.GetProperty("envid").GetString());
        var recipient = Assert.Single(sent.GetProperty("recipients").EnumerateArray());
        Assert.StartsWith("rcp_", recipient.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("bob@example.test", recipient.GetProperty("address").GetString());

        // Bob gets what was asked for: names, both bodies, the attachment, the read-receipt request to Alice (RFC 8098 §2.1).
        var arrived = await api.Server.WaitForMessageAsync(WebServer.Bob, "Inbox", m => m.Subject == "Contract 42 — 契約", "the API's message in Bob's Inbox");
        Assert.Equal("Alice Example", ((MailboxAddress)arrived.From[0]).Name);
        Assert.Equal("Bob, the Builder", ((MailboxAddress)arrived.To[0]).Name);
        Assert.Equal("Please sign.", arrived.TextBody?.Trim());
        Assert.Contains("<b>sign</b>", arrived.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("contract.txt", Assert.Single(arrived.Attachments).ContentDisposition?.FileName);
        Assert.Contains("alice@example.test", arrived.Headers[HeaderId.DispositionNotificationTo], StringComparison.Ordinal);
        Assert.Equal(sent.GetProperty("internet_message_id").GetString(), "<" + arrived.MessageId + ">");

        // The same submission path as the webmail: a Sent copy.
        Assert.Contains(await api.Server.FolderAsync(WebServer.Alice, "Sent"), m => m.Subject == "Contract 42 — 契約");

        var delivered = await api.WaitForStateAsync(client, id, "bob@example.test", "delivered");
        Assert.Equal("local", delivered.GetProperty("provenance").GetString());
        Assert.EndsWith("Z", delivered.GetProperty("state_at").GetString(), StringComparison.Ordinal);
        var events = delivered.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("state").GetString()).ToList();
        Assert.Equal(["queued", "delivered"], events);
    }

    [Fact]
    public async Task A_recipient_the_remote_refuses_reads_back_failed_with_the_code_its_meaning_the_remote_words_and_the_report()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        var response = await SendAsync(client, Simple("alice@example.test", "nobody@remote.test", "To a refused address"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var failed = await api.WaitForStateAsync(client, id, "nobody@remote.test", "failed");
        Assert.Equal("5.1.1", failed.GetProperty("status").GetString());
        // RFC 3463 X.1.1: the mailbox does not exist; the remote server's own words are kept.
        Assert.Contains("mailbox", failed.GetProperty("status_meaning").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("User unknown", failed.GetProperty("diagnostic").GetString(), StringComparison.Ordinal);

        // The failure is in the failed list and in the events feed, as message.failed.
        using (var list = await client.GetAsync("/api/v1/tracking?state=failed"))
        {
            var items = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
            Assert.Contains(items, i => i.GetProperty("message_id").GetString() == id && i.GetProperty("status").GetString() == "5.1.1");
        }

        var feed = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=500");
        Assert.Contains(feed.GetProperty("events").EnumerateArray(), e =>
            e.GetProperty("type").GetString() == "message.failed" && e.GetProperty("data").GetProperty("message_id").GetString() == id);

        // The report behind the failure, as message/rfc822: the DSN this server wrote (RFC 3464 multipart/report).
        await api.Server.WaitForAsync(async () =>
        {
            var again = await api.WaitForStateAsync(client, id, "nobody@remote.test", "failed");
            return again.GetProperty("evidence_url").ValueKind == JsonValueKind.String;
        }, "an evidence link on the failed recipient");
        var evidenceUrl = (await api.WaitForStateAsync(client, id, "nobody@remote.test", "failed")).GetProperty("evidence_url").GetString()!;
        using var evidence = await client.GetAsync(evidenceUrl);
        Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        Assert.Equal("message/rfc822", evidence.Content.Headers.ContentType?.MediaType);
        var report = MimeMessage.Load(await evidence.Content.ReadAsStreamAsync());
        Assert.Equal("multipart/report", report.Body?.ContentType.MimeType);
        Assert.Equal("delivery-status", report.Body!.ContentType.Parameters["report-type"]);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_sends_once_and_another_body_under_that_key_is_refused()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        var key = Guid.NewGuid().ToString();
        using var first = await SendAsync(client, Simple("alice@example.test", "bob@example.test", "Sent once " + key), key);
        using var retry = await SendAsync(client, Simple("alice@example.test", "bob@example.test", "Sent once " + key), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());

        using var other = await SendAsync(client, Simple("alice@example.test", "bob@example.test", "Another message " + key), key);
        var problem = await ProblemAsync(other, 422);
        Assert.Equal("idempotency-key-reused", Kind(problem));

        await api.Server.WaitForEmptyQueueAsync();
        Assert.Single(await api.Server.FolderAsync(WebServer.Bob, "Inbox"), m => m.Subject == "Sent once " + key);
        Assert.DoesNotContain(await api.Server.FolderAsync(WebServer.Alice, "Sent"), m => m.Subject == "Another message " + key);
    }

    [Fact]
    public async Task The_same_key_sent_concurrently_still_sends_once()
    {
        var (_, token) = await api.CreateTokenAsync(WebServer.Alice);
        using var client = api.Client(token);
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendAsync(client, Simple("alice@example.test", "bob@example.test", "Race " + key), key)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Single(await api.Server.FolderAsync(WebServer.Alice, "Sent"), m => m.Subject == "Race " + key);
    }
}
