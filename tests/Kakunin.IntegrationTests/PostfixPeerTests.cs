using Kakunin.Authentication;
using Kakunin.Tracking;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Store;
using MailKit;
using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>
/// Kakunin and a real Postfix (tests/peers/postfix/postfix-peer) route to each other over loopback:
/// Kakunin's smarthost is Postfix (domain peer.test, users carol and dave), and Postfix routes
/// example.test back to Kakunin's port 25 listener. 127.0.0.0/8 is a trusted peer network for Kakunin,
/// so mail Postfix relays in counts as from a verified sender (docs/queue.md, Backscatter).
/// </summary>
public sealed class PostfixPeerFixture : KakuninAndPostfixFixture
{
    protected override async Task StartAsync()
    {
        await StartPostfixAsync("peer.test", ["--users", "carol dave", .. RouteToKakunin]);
        await StartKakuninAsync([.. PostfixAsSmarthost, "--trusted-networks", "127.0.0.0/8"]);
    }
}

public sealed class PostfixPeerTests(PostfixPeerFixture fixture, ITestOutputHelper output) : IClassFixture<PostfixPeerFixture>
{
    private const string Carol = "carol@peer.test";
    private const string Dave = "dave@peer.test";

    private KakuninProcess Kakunin => fixture.Kakunin;

    private PostfixPeer Postfix => fixture.Postfix;

    private string Logs() => fixture.Logs();

    [Fact]
    public async Task Kakunin_to_postfix_passes_notify_and_envid_on_and_postfix_success_dsn_comes_back()
    {
        var envid = "peer-a-" + Guid.NewGuid().ToString("N");
        var subject = ServerFixture.Unique("to carol");
        var sent = await DsnSmtpClient.SubmitAsync(Kakunin, ServerFixture.Alice, Carol, subject,
            DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure, envid);

        var delivered = await Postfix.WaitForMaildirAsync("carol", m => m.Subject == subject, "carol's copy in Postfix's Maildir", Logs);
        Assert.Equal(sent.MessageId, delivered.MessageId);

        // Postfix is the final hop and was handed NOTIFY=SUCCESS and ENVID (it announced DSN), so it reports
        // "delivered" itself (RFC 3461 §6.2.6) to alice@example.test, which it routes to Kakunin.
        var dsn = await Kakunin.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox,
            m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid, "Postfix's success DSN in Alice's Inbox");
        output.WriteLine(dsn.ToString());
        var report = DsnParser.TryParse(dsn)!;
        Assert.Equal("dns", report.ReportingMta.Type, ignoreCase: true);
        Assert.Equal("mx.peer.test", report.ReportingMta.Name); // Postfix's myhostname, not Kakunin's
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(DsnAction.Delivered, recipient.Action);
        Assert.Equal(Carol, recipient.FinalRecipient.Address);
        Assert.Equal(2, recipient.Status?.Class);

        var analysis = ReportAnalyzer.Analyze(dsn);
        Assert.Equal(ReportKind.Dsn, analysis.Kind);
        Assert.Equal(envid, analysis.CorrelationKeys.OriginalEnvelopeId);
        var outcome = Assert.Single(analysis.Recipients);
        Assert.Equal(BounceReason.Delivered, outcome.Reason);
        Assert.Equal(Carol, outcome.Recipient);

        // Kakunin relayed to a DSN-capable hop, so it sends no "relayed" DSN of its own: exactly one report.
        await Kakunin.WaitForEmptyQueueAsync();
        var reports = (await Kakunin.FolderAsync(ServerFixture.Alice, MailFolders.Inbox))
            .Where(m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid).ToList();
        Assert.Single(reports);
        Assert.Contains("sender delivery status notification", Postfix.Log, StringComparison.Ordinal);

        // Postfix's DSN, delivered to Alice, was matched to her tracking by its ENVID, with the report as evidence. This
        // Postfix does not sign and Kakunin has no DNS that could vouch for it (docs/tracking.md, "Provenance"): the
        // report is an unverified event, and Carol stays as our queue knows her, relayed. The same report signed by
        // OpenDKIM is believed: Authentication/SignedReportTests.
        var stamp = MessageAuthentication.FromHeaders(dsn.Headers, "mx.example.test");
        Assert.NotNull(stamp);
        Assert.Empty(stamp.Dkim);
        Assert.Equal("[127.0.0.1]", stamp.AuthenticatedUser); // 127.0.0.0/8 is a trusted network here: relayed mail, not checked
        var tracked = await ServerDatabase.TrackedAsync(Kakunin, ServerFixture.Alice, Carol);
        Assert.NotNull(tracked);
        var events = await ServerDatabase.EventsAsync(Kakunin, tracked.Id);
        var claim = events.Single(e => e.Evidence?.StartsWith("message:", StringComparison.Ordinal) == true);
        Assert.Equal(("delivered", "unverified", null), (claim.State, claim.Provenance, claim.VouchedBy));
        Assert.Equal(("relayed", "local", "delivered"), (tracked.State, tracked.Provenance, tracked.UnverifiedState));

        Assert.Equal((MailFolders.Inbox, ReportStates.Matched), await ServerDatabase.StoredAsync(Kakunin, ServerDatabase.EvidenceMessageId(claim.Evidence)));
    }

    [Fact]
    public async Task Postfix_to_kakunin_gets_kakunins_success_dsn_back()
    {
        var envid = "peer-b-" + Guid.NewGuid().ToString("N");
        var subject = ServerFixture.Unique("from dave");
        var (code, said) = await Postfix.SendAsync("--from", Dave, "--to", ServerFixture.Bob, "--notify", "SUCCESS", "--ret", "HDRS", "--envid", envid, "--subject", subject);
        Assert.True(code == 0, said);

        var delivered = await Kakunin.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "Bob's copy in Kakunin");
        Assert.Contains(delivered.Headers, h => h.Field == "Received" && h.Value.Contains("mx.peer.test", StringComparison.OrdinalIgnoreCase));

        // Kakunin is the final hop: Postfix passed NOTIFY/ENVID on (Kakunin announces DSN) and reports nothing itself;
        // Kakunin's "delivered" DSN goes to dave@peer.test via its smarthost, into dave's Maildir.
        var dsn = await Postfix.WaitForMaildirAsync("dave", m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid, "Kakunin's success DSN in dave's Maildir", Logs);

        // RFC 3464 §2: multipart/report; report-type=delivery-status, human part first, then message/delivery-status.
        var multipart = Assert.IsType<MultipartReport>(dsn.Body);
        Assert.Equal("delivery-status", multipart.ReportType, ignoreCase: true);
        Assert.True(multipart.Count >= 2);
        Assert.Equal("message/delivery-status", multipart[1].ContentType.MimeType, ignoreCase: true);
        Assert.Equal(string.Empty, dsn.Headers[HeaderId.ReturnPath]?.Trim('<', '>', ' ') ?? string.Empty); // null reverse-path (RFC 3461 §6.2)

        output.WriteLine(dsn.ToString());
        var report = DsnParser.TryParse(dsn)!;
        Assert.Equal("mx.example.test", report.ReportingMta.Name); // Kakunin's --hostname
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(DsnAction.Delivered, recipient.Action);
        Assert.Equal(ServerFixture.Bob, recipient.FinalRecipient.Address);
        Assert.Equal(2, recipient.Status?.Class);

        var analysis = ReportAnalyzer.Analyze(dsn);
        Assert.Equal(ReportKind.Dsn, analysis.Kind);
        Assert.Equal("rfc3464", analysis.Format);
        Assert.Equal(envid, analysis.CorrelationKeys.OriginalEnvelopeId);
        Assert.Equal(BounceReason.Delivered, Assert.Single(analysis.Recipients).Reason);

        // Exactly one notification: Postfix relayed to a DSN-capable hop and sent none of its own.
        await Kakunin.WaitForEmptyQueueAsync();
        var (waited, queue) = await ExternalClient.RunAsync(PostfixPeer.Script, ["wait-empty", Postfix.Directory, "20"]);
        Assert.True(waited == 0, queue);
        Assert.Single(Postfix.Maildir("dave"), m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid);
    }

    [Fact]
    public async Task Unknown_user_at_postfix_bounces_with_postfixs_own_words()
    {
        var envid = "peer-d-" + Guid.NewGuid().ToString("N");
        var sent = await DsnSmtpClient.SubmitAsync(Kakunin, ServerFixture.Alice, "nosuch@peer.test", ServerFixture.Unique("to nobody"),
            DeliveryStatusNotification.Failure, envid);

        var dsn = await Kakunin.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox,
            m => m.InReplyTo == sent.MessageId && DsnParser.TryParse(m) is not null, "Kakunin's failure DSN in Alice's Inbox");
        output.WriteLine(dsn.ToString());
        var report = DsnParser.TryParse(dsn)!;
        Assert.Equal("mx.example.test", report.ReportingMta.Name);
        Assert.Equal(envid, report.OriginalEnvelopeId);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(DsnAction.Failed, recipient.Action);
        Assert.Equal("nosuch@peer.test", recipient.FinalRecipient.Address);
        Assert.Equal("5.1.1", recipient.Status?.ToString());

        // RFC 3464 §2.3.5/§2.3.6: the remote server's reply, verbatim, and which MTA gave it.
        Assert.NotNull(recipient.DiagnosticCode);
        Assert.Equal("smtp", recipient.DiagnosticCode.Type, ignoreCase: true);
        Assert.StartsWith("550 5.1.1", recipient.DiagnosticCode.Text, StringComparison.Ordinal);
        Assert.Contains("User unknown in virtual mailbox table", recipient.DiagnosticCode.Text, StringComparison.Ordinal);
        Assert.NotNull(recipient.RemoteMta);
        Assert.False(string.IsNullOrWhiteSpace(recipient.RemoteMta.Name));

        var outcome = Assert.Single(ReportAnalyzer.Analyze(dsn).Recipients);
        Assert.Equal(BounceReason.UserUnknown, outcome.Reason);
        Assert.True(outcome.HardBounce);
        Assert.Equal(550, outcome.ReplyCode);

        // Kakunin's own DSN recorded the failure already; delivered to Alice (in the same commit) it became the evidence.
        var tracked = await ServerDatabase.TrackedAsync(Kakunin, ServerFixture.Alice, "nosuch@peer.test");
        Assert.NotNull(tracked);
        Assert.Equal(("failed", "5.1.1"), (tracked.State, tracked.Status));
        Assert.Equal((MailFolders.Inbox, ReportStates.Matched), await ServerDatabase.StoredAsync(Kakunin, ServerDatabase.EvidenceMessageId(tracked.Evidence)));
    }
}

/// <summary>
/// Kakunin whose smarthost is a Postfix that does not announce DSN (smtpd_discard_ehlo_keywords = dsn; domain
/// nodsn.test, user erin), which routes example.test back to Kakunin. Kakunin trusts no peer network here.
/// </summary>
public sealed class PostfixWithoutDsnFixture : KakuninAndPostfixFixture
{
    protected override async Task StartAsync()
    {
        await StartPostfixAsync("nodsn.test", ["--users", "erin", "--set", "smtpd_discard_ehlo_keywords = dsn", .. RouteToKakunin]);
        await StartKakuninAsync(PostfixAsSmarthost);
    }
}

public sealed class PostfixWithoutDsnTests(PostfixWithoutDsnFixture fixture, ITestOutputHelper output) : IClassFixture<PostfixWithoutDsnFixture>
{
    private KakuninProcess Kakunin => fixture.Kakunin;

    private PostfixPeer Postfix => fixture.Postfix;

    private string Logs() => fixture.Logs();

    [Fact]
    public async Task Next_hop_without_dsn_makes_kakunin_report_relayed()
    {
        var envid = "peer-c-" + Guid.NewGuid().ToString("N");
        var subject = ServerFixture.Unique("to erin");
        var sent = await DsnSmtpClient.SubmitAsync(Kakunin, ServerFixture.Alice, "erin@nodsn.test", subject,
            DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure, envid);

        await Postfix.WaitForMaildirAsync("erin", m => m.Subject == subject, "erin's copy", Logs);

        // RFC 3461 §6.2.6 / RFC 3464 §2.3.3: the last DSN-capable MTA reports "relayed" when the next hop can't take NOTIFY.
        var dsn = await Kakunin.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox,
            m => m.InReplyTo == sent.MessageId && DsnParser.TryParse(m) is not null, "Kakunin's relayed DSN in Alice's Inbox");
        output.WriteLine(dsn.ToString());
        var report = DsnParser.TryParse(dsn)!;
        Assert.Equal("mx.example.test", report.ReportingMta.Name);
        Assert.Equal(envid, report.OriginalEnvelopeId);
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal(DsnAction.Relayed, recipient.Action);
        Assert.Equal("erin@nodsn.test", recipient.FinalRecipient.Address);
        Assert.Equal(2, recipient.Status?.Class);
        Assert.StartsWith("250", recipient.DiagnosticCode?.Text ?? string.Empty, StringComparison.Ordinal);

        // Postfix never saw NOTIFY (no DSN in its EHLO), so it sends no success notification of its own (it could:
        // it routes example.test back to Kakunin): exactly one report reaches Alice.
        var (waited, queue) = await ExternalClient.RunAsync(PostfixPeer.Script, ["wait-empty", Postfix.Directory, "20"]);
        Assert.True(waited == 0, queue);
        await Kakunin.WaitForEmptyQueueAsync();
        Assert.Single(await Kakunin.FolderAsync(ServerFixture.Alice, MailFolders.Inbox), m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid);
        Assert.DoesNotContain("sender delivery status notification", Postfix.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unverified_inbound_sender_gets_no_success_dsn_by_default()
    {
        // Port 25, no AUTH, client not in a trusted network: NOTIFY=SUCCESS is accepted but not honoured
        // (docs/queue.md, Backscatter: the sender address may be forged). The DSN would reach erin's Maildir.
        var subject = ServerFixture.Unique("unverified");
        var envid = "peer-bs-" + Guid.NewGuid().ToString("N");
        await using (var smtp = await RawSmtpConnection.OpenAsync(Kakunin.SmtpPort))
        {
            Assert.StartsWith("250", await smtp.CommandAsync("EHLO stranger.example"), StringComparison.Ordinal);
            Assert.StartsWith("250", await smtp.CommandAsync($"MAIL FROM:<erin@nodsn.test> ENVID={envid}"), StringComparison.Ordinal);
            Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}> NOTIFY=SUCCESS"), StringComparison.Ordinal);
            Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250", await smtp.CommandAsync($"From: <erin@nodsn.test>\r\nSubject: {subject}\r\n\r\nhello\r\n."), StringComparison.Ordinal);
        }

        await Kakunin.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "Bob's copy");
        await Kakunin.WaitForEmptyQueueAsync();
        await using var store = await Kakunin.OpenStoreAsync();
        var queue = await store.Queue.ListAsync(includeDone: true, CancellationToken.None);
        var original = Assert.Single(queue, q => q.Message.EnvelopeId == envid);
        Assert.False(original.Message.SenderVerified);
        Assert.DoesNotContain(queue, q => q.Message.HasNullReversePath && q.Recipients.Any(r => r.Address == "erin@nodsn.test"));
        Assert.DoesNotContain(Postfix.Maildir("erin"), m => DsnParser.TryParse(m)?.OriginalEnvelopeId == envid);
    }
}
