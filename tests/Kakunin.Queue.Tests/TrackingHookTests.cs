using System.Text;
using Kakunin.Authentication;
using Kakunin.Protocol;
using Kakunin.Smtp.Client;
using Kakunin.Store;
using Kakunin.Tracking;

namespace Kakunin.Queue.Tests;

/// <summary>
/// Local delivery of reports that come back: filed into Inbox or Receipts, recorded against the sender's
/// tracking in the same transaction, marked matched or unmatched; Return-Path at final delivery.
/// </summary>
public sealed class TrackingHookTests
{
    private const string Alice = "alice@example.com";

    // A report signed by remote.test with its key in the fixture's DNS: the checks at our SMTP edge find a DKIM pass
    // aligned with carol@remote.test (RFC 6376, RFC 7489 §3.1), so the report is authenticated (docs/tracking.md, "Provenance").
    private static byte[] Vouched(QueueFixture f, byte[] content) => RemoteSigner.Sign(content, "remote.test", f.Dns);

    // A DSN as a remote MTA would send it for Alice's message to carol@remote.test (RFC 3464, written by hand).
    private static readonly byte[] RemoteDsn = QueueFixture.Crlf("""
        From: MAILER-DAEMON@mx.remote.test
        To: alice@example.com
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <bounce-7@mx.remote.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        Your message could not be delivered.

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.remote.test
        Original-Envelope-Id: contract-42

        Final-Recipient: rfc822; carol@remote.test
        Action: failed
        Status: 5.2.2
        Remote-MTA: dns; mx.remote.test
        Diagnostic-Code: smtp; 552 5.2.2 carol's mailbox is full

        --b--
        """);

    // An MDN from bob@remote.test for Message-ID <m1@example.com> (RFC 8098 §3, written by hand).
    private static readonly byte[] RemoteMdn = QueueFixture.Crlf("""
        From: bob@remote.test
        To: alice@example.com
        Subject: Read: Contract
        Message-ID: <read-1@remote.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=disposition-notification; boundary="b"

        --b
        Content-Type: text/plain

        Your message was displayed.

        --b
        Content-Type: message/disposition-notification

        Final-Recipient: rfc822;carol@remote.test
        Original-Message-ID: <m1@example.com>
        Disposition: manual-action/MDN-sent-manually; displayed

        --b--
        """);

    [Fact]
    public async Task A_remote_DSN_nobody_vouched_for_is_filed_and_matched_but_moves_nothing()
    {
        await using var f = await QueueFixture.CreateAsync(authenticate: true); // checked, and nothing passes: no signature, no SPF record
        await SendToCarolAsync(f);

        Assert.Equal(250, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From(null), RemoteDsn, QueueFixture.To(Alice))).Code);
        await f.RunAsync();

        var stored = Assert.Single(await f.InboxAsync(Alice));
        Assert.Equal(ReportStates.Matched, await ReportStateAsync(f, stored.Id)); // still evidence a person may judge
        var carol = await f.TrackedAsync("carol@remote.test");
        Assert.Equal("relayed", carol.State);
        Assert.NotEqual($"message:{stored.Id}", carol.Evidence);
    }

    [Fact]
    public async Task A_remote_DSN_claiming_our_Authentication_Results_moves_nothing()
    {
        await using var f = await QueueFixture.CreateAsync(authenticate: true);
        await SendToCarolAsync(f);
        // A forger writes the field our edge would have stamped; the edge removes it (RFC 8601 §5) and stamps its own.
        var forged = Encoding.ASCII.GetBytes("Authentication-Results: mx.example.com; dkim=pass header.d=remote.test\r\n");

        Assert.Equal(250, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From(null), [.. forged, .. RemoteDsn], QueueFixture.To(Alice))).Code);
        await f.RunAsync();

        var stored = Assert.Single(await f.InboxAsync(Alice));
        Assert.Empty(f.VerdictOn(stored)!.Dkim);
        Assert.Equal(ReportStates.Matched, await ReportStateAsync(f, stored.Id));
        var carol = await f.TrackedAsync("carol@remote.test");
        Assert.Equal("relayed", carol.State);
        Assert.NotEqual($"message:{stored.Id}", carol.Evidence);
    }

    [Fact]
    public async Task A_remote_DSN_arriving_on_port_25_is_filed_matched_and_moves_the_tracking_to_failed()
    {
        await using var f = await QueueFixture.CreateAsync(authenticate: true);
        await SendToCarolAsync(f);
        Assert.Equal("relayed", (await f.TrackedAsync("carol@remote.test")).State);

        Assert.Equal(250, (await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From(null), Vouched(f, RemoteDsn), QueueFixture.To(Alice))).Code);
        await f.RunAsync();

        var stored = Assert.Single(await f.InboxAsync(Alice));
        Assert.StartsWith("Return-Path: <>\r\n", Encoding.ASCII.GetString(stored.Content.Span), StringComparison.Ordinal); // RFC 5321 §4.4
        Assert.Equal([new DkimCheck(AuthResult.Pass, "remote.test", "s1", "ed25519-sha256")], f.VerdictOn(stored)!.Dkim);
        Assert.Equal(ReportStates.Matched, await ReportStateAsync(f, stored.Id));
        var carol = await f.TrackedAsync("carol@remote.test");
        Assert.Equal(("failed", "5.2.2", "552 5.2.2 carol's mailbox is full", $"message:{stored.Id}"), (carol.State, carol.Status, carol.Diagnostic, carol.Evidence));
    }

    [Fact]
    public async Task With_process_receipts_on_reports_go_to_Receipts()
    {
        await using var f = await QueueFixture.CreateAsync(authenticate: true);
        await f.SetProcessReceiptsAsync(Alice, true);
        await SendToCarolAsync(f);

        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From(null), Vouched(f, RemoteMdn), QueueFixture.To(Alice));
        await f.RunAsync();

        Assert.Empty(await f.InboxAsync(Alice));
        var receipt = Assert.Single(await f.Store.Mailboxes.ListAsync(Alice, MailFolders.Receipts, default));
        Assert.Equal(ReportStates.Matched, await ReportStateAsync(f, receipt.Id));
        var carol = await f.TrackedAsync("carol@remote.test");
        Assert.Equal("displayed", carol.ReadState);
        Assert.Equal("relayed", carol.State);
    }

    [Fact]
    public async Task With_process_receipts_off_reports_stay_in_the_Inbox()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SetProcessReceiptsAsync(Alice, false);
        await SendToCarolAsync(f);

        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From(null), RemoteMdn, QueueFixture.To(Alice));
        await f.RunAsync();

        Assert.Empty(await f.Store.Mailboxes.ListAsync(Alice, MailFolders.Receipts, default));
        var receipt = Assert.Single(await f.InboxAsync(Alice));
        Assert.Equal(ReportStates.Matched, await ReportStateAsync(f, receipt.Id));
    }

    [Fact]
    public async Task An_MDN_sent_from_a_real_reverse_path_is_still_recognised_by_its_header()
    {
        await using var f = await QueueFixture.CreateAsync(authenticate: true);
        await SendToCarolAsync(f);

        // standards.md mistake 3: some clients send MDNs with a non-null envelope sender. The pre-check at
        // acceptance still sees multipart/report in the header and marks it for the full inspection.
        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("carol@remote.test"), Vouched(f, RemoteMdn), QueueFixture.To(Alice));
        await f.RunAsync();

        var receipt = Assert.Single(await f.InboxAsync(Alice));
        Assert.StartsWith("Return-Path: <carol@remote.test>\r\n", Encoding.ASCII.GetString(receipt.Content.Span), StringComparison.Ordinal);
        Assert.Equal(ReportStates.Matched, await ReportStateAsync(f, receipt.Id));
        Assert.Equal("displayed", (await f.TrackedAsync("carol@remote.test")).ReadState);
    }

    [Fact]
    public async Task The_pre_check_at_acceptance_marks_possible_reports_and_lets_ordinary_mail_pass()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), QueueFixture.Content("x@other.test", Alice), QueueFixture.To(Alice));
        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("carol@remote.test"), RemoteMdn, QueueFixture.To(Alice));
        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From(null), QueueFixture.Content("x@other.test", Alice), QueueFixture.To(Alice));

        var marks = (await f.Store.Queue.ListMessagesAsync(default)).Select(m => m.MayBeReport);

        Assert.Equal([false, true, true], marks); // ordinary; multipart/report; the null reverse-path (RFC 5321 §4.5.5)
    }

    [Fact]
    public async Task A_report_that_matches_nothing_stays_visible_as_unmatched_mail()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SetProcessReceiptsAsync(Alice, true);

        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From(null), RemoteDsn, QueueFixture.To(Alice));
        await f.RunAsync();

        var report = Assert.Single(await f.Store.Mailboxes.ListAsync(Alice, MailFolders.Receipts, default));
        Assert.Equal(ReportStates.Unmatched, await ReportStateAsync(f, report.Id));
    }

    [Fact]
    public async Task Ordinary_mail_is_no_report_and_gets_exactly_one_Return_Path()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SetProcessReceiptsAsync("bob@example.com", true);
        // A sender-supplied Return-Path (RFC 5321 §4.4: SHOULD NOT be there) is replaced by ours.
        var mail = QueueFixture.Crlf("""
            Return-Path: <forged@elsewhere.test>
            From: x@other.test
            To: bob@example.com
            Subject: Hello
            Return-Path:
             <also-forged@elsewhere.test>

            Return-Path: <this-is-body-text@other.test>
            """);

        await f.SubmitRawAsync(QueueFixture.Inbound, QueueFixture.From("x@other.test"), mail, QueueFixture.To("bob@example.com"));
        await f.RunAsync();

        var stored = Assert.Single(await f.InboxAsync("bob@example.com"));
        var text = Encoding.ASCII.GetString(stored.Content.Span);
        Assert.Equal(
            "Return-Path: <x@other.test>\r\nAuthentication-Results: mx.example.com; none\r\nFrom: x@other.test\r\nTo: bob@example.com\r\nSubject: Hello\r\n\r\nReturn-Path: <this-is-body-text@other.test>",
            text);
        Assert.Null(await ReportStateAsync(f, stored.Id));
    }

    [Fact]
    public async Task Our_own_failure_DSN_becomes_the_evidence_without_a_second_event()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.SetProcessReceiptsAsync(Alice, true);
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.PermanentFailure, new SmtpReply(550, EnhancedStatusCodes.BadDestinationMailbox, "No such user"), null, "mx.remote.test", true);
        await f.SubmitAsync(QueueFixture.Submission(Alice), QueueFixture.From(Alice), QueueFixture.To("carol@remote.test", DsnNotify.Failure));

        await f.RunAsync();

        var dsn = Assert.Single(await f.Store.Mailboxes.ListAsync(Alice, MailFolders.Receipts, default));
        Assert.Equal(ReportStates.Matched, await ReportStateAsync(f, dsn.Id));
        var carol = await f.TrackedAsync("carol@remote.test");
        Assert.Equal(("failed", "5.1.1", $"message:{dsn.Id}"), (carol.State, carol.Status, carol.Evidence));
        var id = (long)(await f.ScalarAsync("SELECT id FROM tracking_recipients WHERE address = 'carol@remote.test'"))!;
        Assert.Equal(["queued", "failed"], (await f.Store.TrackingQueries.GetEventsAsync(id, default)).Select(e => e.State.EventWord()));
    }

    [Fact]
    public async Task A_deferred_recipient_shows_its_status_and_until_when_it_is_retried()
    {
        await using var f = await QueueFixture.CreateAsync();
        f.Transport.Handler = (_, r) => new(r.Address, RecipientOutcomeKind.TransientFailure, new SmtpReply(451, new EnhancedStatusCode(4, 7, 1), "Greylisted"), null, "mx.remote.test", true);
        await f.SubmitAsync(QueueFixture.Submission(Alice), QueueFixture.From(Alice), QueueFixture.To("carol@remote.test"));

        await f.RunAsync();

        var carol = await f.TrackedAsync("carol@remote.test");
        Assert.Equal(("deferred", "4.7.1"), (carol.State, carol.Status));
        // Arrival + MaximalLifetime (5 days, docs/queue.md): when the queue gives up.
        Assert.Equal(QueueFixture.Start.AddDays(5).ToUnixTimeMilliseconds(), carol.RetryUntil);
    }

    private static async Task SendToCarolAsync(QueueFixture f)
    {
        // QueueFixture.Content gives Message-ID <m1@example.com>; the DSN above names ENVID contract-42.
        await f.SubmitAsync(QueueFixture.Submission(Alice), QueueFixture.From(Alice, envid: "contract-42"), QueueFixture.To("carol@remote.test"));
        await f.RunAsync();
    }

    private static async Task<string?> ReportStateAsync(QueueFixture f, long messageId) =>
        await f.ScalarAsync("SELECT report_state FROM messages WHERE id = $id", ("$id", messageId)) as string;
}
