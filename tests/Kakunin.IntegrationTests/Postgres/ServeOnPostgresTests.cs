using System.Net;
using System.Text.RegularExpressions;
using Kakunin.IntegrationTests.Hardening;
using Kakunin.Store.Tests.Postgres;
using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Outbox;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// Issue 14: a real <c>kakunin serve</c> on PostgreSQL does what a user does, with real clients: MailKit submits
/// alice → bob (local) and to a remote that refuses (a failure DSN comes back to alice), bob's MailKit IMAP IDLE hears
/// the new mail (the LISTEN connection), FETCH, STORE on several messages and EXPUNGE work, a webhook fires, and the
/// webmail shows the Sent item with its tracking, finds it by a search in another case (ILIKE) and through the
/// search page (PostgresMessageSearch).
/// </summary>
[Collection(PostgresServeSequence.Name)]
public sealed partial class ServeOnPostgresTests(PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    private static readonly Dictionary<string, string> FastWebhooks = new()
    {
        ["KAKUNIN__WEBHOOKS__ALLOWPRIVATETARGETS"] = "true",
        ["KAKUNIN__WEBHOOKS__FIRSTRETRYDELAY"] = "00:00:00.300",
        ["KAKUNIN__WEBHOOKS__POLLINTERVAL"] = "00:00:30", // longer than the test waits: only a change notice wakes the dispatcher in time
    };

    [Fact]
    public async Task Submission_idle_dsn_webhook_and_webmail_work_on_postgres()
    {
        await using var refuser = new RefusingSmtpPeer();
        await using var receiver = new HookReceiver();
        await using var node = await PostgresNode.StartAsync(postgres.Cluster, ["--smarthost", $"127.0.0.1:{refuser.Port}"], FastWebhooks, imap: true);
        // Another writer on the same database (a second node, or the CLI) adds alice's webhook while the server runs.
        await using (var store = await node.OpenStoreAsync())
        {
            await new WebhookEndpoints(store, TimeProvider.System).AddAsync(
                ServerFixture.Alice, new Uri($"http://127.0.0.1:{receiver.Port}/hooks"), [TrackingEventType.Delivered], CancellationToken.None);
        }

        // Bob idles on his Inbox before anything arrives.
        using var imap = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 30_000 };
        await imap.ConnectAsync("127.0.0.1", node.Server.ImapsPort, SecureSocketOptions.SslOnConnect);
        await imap.AuthenticateAsync(ServerFixture.Bob, KakuninProcess.Password);
        await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
        Assert.Equal(0, imap.Inbox.Count);
        var grew = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        imap.Inbox.CountChanged += (_, _) => grew.TrySetResult(imap.Inbox.Count);
        using var stopIdle = new CancellationTokenSource();
        var idle = imap.IdleAsync(stopIdle.Token);
        await Task.Delay(500);

        var subject = ServerFixture.Unique("Quarterly Figures");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.To.Add(MailboxAddress.Parse("carol@remote.test"));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "The figures are attached in spirit: turnover 4711.\r\n" };
        using (var smtp = await DsnSmtpClient.ConnectAsync(node.Server, ServerFixture.Alice))
        {
            smtp.Notify = DeliveryStatusNotification.Failure;
            Assert.StartsWith("2.0.0", await smtp.SendAsync(message), StringComparison.Ordinal);
            await smtp.DisconnectAsync(quit: true);
        }

        // RFC 2177: EXISTS while idling. Without the LISTEN connection nothing tells the session (no data_version on PostgreSQL).
        var winner = await Task.WhenAny(grew.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        await stopIdle.CancelAsync();
        await idle;
        Assert.True(winner == grew.Task, "no EXISTS during IDLE within 30 s\n" + node.Server.Log);

        // FETCH of ENVELOPE (the content cache reader: one command at a time on an Npgsql connection).
        var summary = Assert.Single(await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.UniqueId));
        Assert.Equal(subject, summary.Envelope!.Subject);

        // A second message, then flags on both in one STORE (the JSON rows UPDATE) and EXPUNGE of the \Deleted one.
        await DsnSmtpClient.SubmitAsync(node.Server, ServerFixture.Alice, ServerFixture.Bob, subject + " second", null, null);
        await node.Server.WaitForAsync(async () => await NoopCountAsync(imap) == 2, "the second message in bob's Inbox");
        var all = await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId);
        await imap.Inbox.AddFlagsAsync(all.Select(s => s.UniqueId).ToList(), MessageFlags.Flagged, silent: true);
        var flagged = await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags);
        Assert.All(flagged, s => Assert.True(s.Flags!.Value.HasFlag(MessageFlags.Flagged), $"message {s.Index} not \\Flagged: {s.Flags}"));
        await imap.Inbox.AddFlagsAsync(all[1].UniqueId, MessageFlags.Deleted, silent: true);
        await imap.Inbox.ExpungeAsync();
        Assert.Equal(1, imap.Inbox.Count);
        await imap.DisconnectAsync(quit: true);

        // The refused recipient: a failure DSN back in alice's Inbox (RFC 3464), naming carol.
        // Filed into Receipts when alice's "process receipts on arrival" is on (the default), else in the Inbox.
        MimeMessage? dsn = null;
        await node.Server.WaitForAsync(async () =>
        {
            foreach (var folder in new[] { "Receipts", "Inbox" })
            {
                dsn ??= (await node.FolderAsync(ServerFixture.Alice, folder)).FirstOrDefault(m => m.Body is Multipart && m.ToString().Contains("carol@remote.test", StringComparison.OrdinalIgnoreCase));
            }

            return dsn is not null;
        }, "the failure DSN for carol@remote.test", seconds: 60);
        Assert.Equal("multipart/report", dsn!.Body?.ContentType.MimeType);
        Assert.True(refuser.Refused >= 1);

        // The webhook for bob's delivery, woken by the outbox's notice.
        await node.Server.WaitForAsync(() => Task.FromResult(receiver.Bodies.Any(b => b.Contains("message.delivered", StringComparison.Ordinal))), "message.delivered at the webhook receiver");

        // The webmail: the Sent item, its tracking (bob delivered, carol failed), found by a search in another case.
        using var web = new WebSignIn(node.Server.HttpPort, IPAddress.Loopback);
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password)).StatusCode);
        var sent = await GetStringAsync(web, "/mail/Sent?q=" + Uri.EscapeDataString("QUARTERLY figures"));
        Assert.Contains(subject, sent, StringComparison.Ordinal); // SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE
        // Both messages match; newest first, so the first one (to bob and carol) is the last link.
        var id = SentLink().Matches(sent).LastOrDefault()?.Groups[1].Value ?? throw new InvalidOperationException("no Sent item link\n" + sent);
        var item = Text(await GetStringAsync(web, "/mail/Sent/" + id));
        Assert.Matches("bob@ ?example\\. ?test Delivered", item);
        Assert.Matches("carol@ ?remote\\. ?test", item);
        Assert.Contains("Failed", item, StringComparison.Ordinal); // carol's row (bob's says Delivered)

        // The search page finds the body's words once the indexer has reached the message (PostgresMessageSearch).
        var found = string.Empty;
        await node.Server.WaitForAsync(
            async () => (found = Text(await GetStringAsync(web, "/search?q=" + Uri.EscapeDataString("TURNOVER 4711")))).Contains(subject, StringComparison.Ordinal),
            "the Sent item on the search page");
        Assert.Contains("4711", found, StringComparison.Ordinal); // the snippet of the body
        // The start line does not claim SQLite's quick_check on a database it never ran on.
        Assert.Contains("PostgreSQL checks its own pages", node.Server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("quick_check", node.Server.Log, StringComparison.Ordinal);
    }

    private static async Task<string> GetStringAsync(WebSignIn web, string path)
    {
        using var response = await web.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<int> NoopCountAsync(ImapClient imap)
    {
        await imap.NoOpAsync();
        return imap.Inbox.Count;
    }

    // The page's words without tags and with runs of space made one.
    private static string Text(string html) => Spaces().Replace(Tags().Replace(html, " "), " ");

    [GeneratedRegex("href=\"/mail/Sent/(\\d+)\"")]
    private static partial Regex SentLink();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
