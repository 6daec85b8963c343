using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Mdn;

namespace Kakunin.Tracking.Tests;

/// <summary>
/// ReportIntake.Inspect on team-written reports. Every expected value is read off the fixture by hand against
/// the RFC field it comes from (RFC 3464 §2.2/§2.3 for DSNs, RFC 8098 §3.2 for MDNs).
/// </summary>
public sealed class InspectTests
{
    [Fact]
    public void A_standard_DSN_gives_its_ENVID_the_enclosed_Message_ID_and_the_failure_in_the_servers_own_words()
    {
        var report = Fixtures.Inspect("dsn-failed-envid.eml");

        Assert.Equal(ReportKind.Dsn, report.Kind);
        Assert.Equal("rfc3464", report.Format);
        Assert.Equal("contract-42", report.Keys.EnvelopeId);          // §2.2.1 Original-Envelope-Id
        Assert.Equal("m1@example.com", report.Keys.EnclosedMessageId); // Message-ID of the text/rfc822-headers part
        var r = Assert.Single(report.Recipients);
        Assert.Equal("carol@remote.test", r.Address);                 // §2.3.2 Final-Recipient
        Assert.Equal("carol@remote.test", r.OriginalRecipient);       // §2.3.1 Original-Recipient
        var d = Assert.IsType<DeliveryOutcome>(r.Delivery);
        Assert.Equal(DsnAction.Failed, d.Action);                     // §2.3.3
        Assert.Equal(new EnhancedStatusCode(5, 1, 1), d.Status);      // §2.3.4
        Assert.Equal("550 5.1.1 <carol@remote.test>: Recipient address rejected: User unknown", d.Diagnostic); // §2.3.6, after "smtp;"
        Assert.Equal("mx.remote.test", d.RemoteMta);                  // §2.3.5, after "dns;"
        Assert.Null(d.WillRetryUntil);
        Assert.Null(r.Read);
    }

    [Fact]
    public void A_delay_DSN_with_only_the_enclosed_headers_gives_Will_Retry_Until()
    {
        var report = Fixtures.Inspect("dsn-delayed-headers-only.eml");

        Assert.Null(report.Keys.EnvelopeId);
        Assert.Equal("m1@example.com", report.Keys.EnclosedMessageId);
        var d = Assert.Single(report.Recipients).Delivery!;
        Assert.Equal(DsnAction.Delayed, d.Action);
        Assert.Equal(new EnhancedStatusCode(4, 4, 1), d.Status);
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 9, 59, 58, TimeSpan.Zero), d.WillRetryUntil); // §2.3.9
        Assert.Equal("connect to mail.dave.test[198.51.100.7]:25: Connection timed out", d.Diagnostic);
    }

    [Fact]
    public void A_success_DSN_for_an_expanded_alias_keeps_the_original_recipient()
    {
        var report = Fixtures.Inspect("dsn-delivered-orcpt.eml");

        Assert.Equal("m2@example.com", report.Keys.EnclosedMessageId); // from the message/rfc822 part
        var r = Assert.Single(report.Recipients);
        Assert.Equal("erin.smith@mailhost.remote.test", r.Address);
        Assert.Equal("sales@remote.test", r.OriginalRecipient);
        Assert.Equal(DsnAction.Delivered, r.Delivery!.Action);
        Assert.Equal(new EnhancedStatusCode(2, 0, 0), r.Delivery.Status);
    }

    [Fact]
    public void An_MDN_gives_its_Original_Message_ID_and_the_disposition_with_action_and_sending_mode()
    {
        var report = Fixtures.Inspect("mdn-displayed.eml");

        Assert.Equal(ReportKind.Mdn, report.Kind);
        Assert.Equal("rfc8098", report.Format);
        Assert.Equal("m1@example.com", report.Keys.OriginalMessageId); // §3.2.5, without the angle brackets
        Assert.Equal("m1@example.com", report.Keys.InReplyTo);
        var r = Assert.Single(report.Recipients);
        Assert.Equal("bob@remote.test", r.Address);                    // §3.2.4
        Assert.Null(r.OriginalRecipient);                              // §3.2.3: absent in this MDN
        Assert.Null(r.Delivery);
        var read = Assert.IsType<ReadOutcome>(r.Read);
        Assert.Equal(TrackingState.Displayed, read.State);                         // §3.2.6.2
        Assert.Equal(ActionMode.ManualAction, read.Disposition.ActionMode);   // §3.2.6.1
        Assert.Equal(SendingMode.SentManually, read.Disposition.SendingMode);
        Assert.Equal("manual-action/MDN-sent-manually; displayed", read.Written);
    }

    [Fact]
    public void A_deleted_MDN_sent_by_policy()
    {
        var report = Fixtures.Inspect("mdn-deleted.eml");

        var r = Assert.Single(report.Recipients);
        Assert.Equal("bob@remote.test", r.OriginalRecipient);
        Assert.Equal(TrackingState.Deleted, r.Read!.State);
        Assert.Equal(SendingMode.SentAutomatically, r.Read.Disposition.SendingMode);
    }

    [Fact]
    public void A_qmail_bounce_is_read_from_its_prose()
    {
        var report = Fixtures.Inspect("qmail-bounce.eml");

        Assert.Equal(ReportKind.Bounce, report.Kind);
        Assert.Equal("qmail", report.Format);
        Assert.Null(report.Keys.EnvelopeId);
        Assert.Equal("m1@example.com", report.Keys.EnclosedMessageId); // from the copy below the marker line
        var r = Assert.Single(report.Recipients);
        Assert.Equal("carol@remote.test", r.Address);
        Assert.Equal(DsnAction.Failed, r.Delivery!.Action);
        Assert.Equal(new EnhancedStatusCode(5, 1, 1), r.Delivery.Status);
        Assert.Contains("550 5.1.1 <carol@remote.test>... User unknown", r.Delivery.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Exchange_style_text_bounce_is_read_from_its_prose()
    {
        var report = Fixtures.Inspect("exchange-ndr.eml");

        Assert.Equal(ReportKind.Bounce, report.Kind);
        Assert.Equal("exchange", report.Format);
        Assert.Equal("m3@example.com", report.Keys.EnclosedMessageId); // from "Original message headers"
        var r = Assert.Single(report.Recipients);
        Assert.Equal("dave@contoso.example", r.Address);
        Assert.Equal(DsnAction.Failed, r.Delivery!.Action);
        Assert.Equal(new EnhancedStatusCode(5, 1, 10), r.Delivery.Status); // as Exchange writes it (the registry's X.1.10 is RFC 7505 null MX)
        Assert.Contains("550 5.1.10 RESOLVER.ADR.RecipientNotFound", r.Delivery.Diagnostic, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ordinary.eml")]
    [InlineData("postmaster-note.eml")]
    public void Ordinary_mail_is_not_a_report(string name) => Assert.Null(ReportIntake.Inspect(Fixtures.Load(name)));

    [Fact]
    public void Ordinary_mail_is_turned_away_by_the_header_scan_before_any_parse() =>
        Assert.False(ReportPrecheck.MayBeReport(Fixtures.Load("ordinary.eml")));

    [Theory]
    [InlineData("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n")]
    [InlineData("Content-Type:\r\n multipart/report;\r\n report-type=disposition-notification\r\n")] // folded (RFC 5322 §2.2.3)
    [InlineData("content-type: message/delivery-status\r\n")]
    [InlineData("Return-Path: <>\r\n")]
    [InlineData("From: MAILER-DAEMON@mx.remote.test\r\n")]
    [InlineData("Auto-Submitted: auto-replied\r\n")]
    [InlineData("X-Failed-Recipients: carol@remote.test\r\n")]
    [InlineData("Subject: Undeliverable: Contract\r\n")]
    public void The_header_scan_notices_the_marks_of_a_report(string field) =>
        Assert.True(ReportPrecheck.MayBeReport(Encoding.ASCII.GetBytes("From: a@b.test\r\n" + field + "Subject: x\r\n\r\nbody\r\n")));

    [Theory]
    [InlineData("Auto-Submitted: no\r\n")]
    [InlineData("Return-Path: <carol@remote.test>\r\n")]
    [InlineData("Content-Type: text/plain\r\n")]
    public void The_header_scan_lets_ordinary_fields_pass(string field) =>
        Assert.False(ReportPrecheck.MayBeReport(Encoding.ASCII.GetBytes("From: a@b.test\r\n" + field + "\r\nContent-Type: multipart/report\r\n")));

    [Fact]
    public void Garbage_is_not_a_report()
    {
        Assert.Null(ReportIntake.Inspect(Array.Empty<byte>()));
        Assert.Null(ReportIntake.Inspect(Encoding.ASCII.GetBytes("Return-Path: <>\r\nContent-Type: multipart/report; boundary=\"\r\n\r\n--\r\n")));
    }
}
