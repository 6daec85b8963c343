using System.Text;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Tests.Analysis;

// Expected values checked by hand against each fixture's text, RFC 3463, RFC 3464 and RFC 5321.
public sealed class FamilyRecogniserTests
{
    [Fact]
    public void Sendmail_transcript_tells_which_command_each_refusal_answered()
    {
        var a = AnalysisFixtures.Analyze("sendmail-transcript.eml");
        Assert.Equal(ReportKind.Bounce, a.Kind);
        Assert.Equal("sendmail", a.Format);
        Assert.Equal(2, a.Recipients.Count);

        // Refused in reply to DATA with a non-addressing code: a filter at the destination.
        var erin = a.Recipients.Single(r => r.Recipient == "erin@example.test");
        Assert.Equal(DsnAction.Failed, erin.Action);
        Assert.Equal("DATA", erin.SmtpCommand);
        Assert.Equal(EnhancedStatusCode.Parse("5.7.1"), erin.Status);
        Assert.Equal(550, erin.ReplyCode);
        Assert.Equal(BounceReason.Filtered, erin.Reason);
        Assert.False(erin.HardBounce);

        // Refused in reply to RCPT TO with x.1.1: the mailbox does not exist.
        var frank = a.Recipients.Single(r => r.Recipient == "frank@example.test");
        Assert.Equal("RCPT", frank.SmtpCommand);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), frank.Status);
        Assert.Equal(BounceReason.UserUnknown, frank.Reason);
        Assert.True(frank.HardBounce);
        Assert.Equal("orig-5@example.jp", a.CorrelationKeys.OriginalMessageId);
    }

    [Fact]
    public void Domino_not_listed_in_directory_is_user_unknown()
    {
        var a = AnalysisFixtures.Analyze("domino-userunknown.eml");
        Assert.Equal("domino", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("grace@example.test", r.Recipient);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.Equal(5, r.Status?.Class);
        Assert.True(r.HardBounce);
    }

    [Fact]
    public void OpenSmtpd_recipient_line_carries_the_reply()
    {
        var a = AnalysisFixtures.Analyze("opensmtpd-mailboxfull.eml");
        Assert.Equal("opensmtpd", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("heidi@example.test", r.Recipient);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(EnhancedStatusCode.Parse("5.2.2"), r.Status);
        Assert.Equal(552, r.ReplyCode);
        Assert.Equal(BounceReason.MailboxFull, r.Reason);
        Assert.False(r.HardBounce);
        Assert.Equal("552 5.2.2 Mailbox full", r.Diagnostic);
    }

    [Fact]
    public void Courier_transcript_refused_at_rcpt()
    {
        var a = AnalysisFixtures.Analyze("courier-userunknown.eml");
        Assert.Equal("courier", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("ivan@example.test", r.Recipient);
        Assert.Equal("RCPT", r.SmtpCommand);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), r.Status);
        Assert.Equal(550, r.ReplyCode);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.True(r.HardBounce);
        Assert.Equal("mx.example.test", r.RemoteMta);
    }

    [Fact]
    public void AmazonSes_json_bounce_notification()
    {
        var a = AnalysisFixtures.Analyze("amazonses-bounce.eml");
        Assert.Equal(ReportKind.Dsn, a.Kind);
        Assert.Equal("amazonses", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("judy@example.test", r.Recipient);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), r.Status);
        Assert.Equal(550, r.ReplyCode);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.True(r.HardBounce);
        Assert.Equal("550 5.1.1 user unknown", r.Diagnostic);
        Assert.Equal("orig-9@example.jp", a.CorrelationKeys.OriginalMessageId);
    }

    [Fact]
    public void Exim_after_end_of_data_is_recorded_and_makes_user_unknown_filtered()
    {
        const string report = """
            From: Mail Delivery System <Mailer-Daemon@relay.example.jp>
            To: alice@example.jp
            Subject: Mail delivery failed: returning message to sender

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              kate@example.test
                host mx.example.test [192.0.2.50]
                SMTP error from remote mail server after end of data:
                550 User unknown

            """;
        var a = ReportAnalyzer.Analyze(new MemoryStream(Encoding.UTF8.GetBytes(report)));
        Assert.Equal("exim", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("DATA", r.SmtpCommand);
        Assert.Equal(BounceReason.Filtered, r.Reason);
        Assert.False(r.HardBounce);
    }
}

public sealed class ReasonRuleTests
{
    private static readonly EnhancedStatusCode Status500 = EnhancedStatusCode.Parse("5.0.0");
    private static readonly EnhancedStatusCode Status511 = EnhancedStatusCode.Parse("5.1.1");

    [Theory]
    [InlineData("DATA", BounceReason.Filtered)]
    [InlineData("RCPT", BounceReason.UserUnknown)]
    [InlineData(null, BounceReason.UserUnknown)]
    public void User_unknown_depends_on_the_refused_command(string? command, BounceReason expected) =>
        Assert.Equal(expected, ReasonClassifier.Classify(DsnAction.Failed, Status500, 550, "550 User unknown", null, command));

    [Fact]
    public void An_addressing_status_keeps_user_unknown_even_after_data() =>
        Assert.Equal(BounceReason.UserUnknown, ReasonClassifier.Classify(DsnAction.Failed, Status511, 550, "550 5.1.1 User unknown", null, "DATA"));

    [Fact]
    public void A_connection_timeout_given_up_on_is_expired() =>
        Assert.Equal(BounceReason.Expired, ReasonClassifier.Classify(
            DsnAction.Failed, EnhancedStatusCode.Parse("4.4.1"), null, "connect to mx.example.test[192.0.2.1]:25: Connection timed out"));

    [Fact]
    public void A_delayed_report_is_expired_whatever_the_temporary_cause() =>
        Assert.Equal(BounceReason.Expired, ReasonClassifier.Classify(
            DsnAction.Delayed, EnhancedStatusCode.Parse("4.4.7"), null, "Delivery time expired"));

    [Fact]
    public void A_dns_failure_given_up_on_stays_a_network_error() =>
        Assert.Equal(BounceReason.NetworkError, ReasonClassifier.Classify(
            DsnAction.Failed, EnhancedStatusCode.Parse("4.4.3"), null, "Host or domain name not found. Name service error for name=example.test type=MX: Host not found, try again"));

    [Fact]
    public void A_directory_failure_given_up_on_stays_a_system_error() =>
        Assert.Equal(BounceReason.SystemError, ReasonClassifier.Classify(
            DsnAction.Failed, EnhancedStatusCode.Parse("4.4.3"), null, "Directory server failure"));

    [Fact]
    public void A_phrase_broken_across_reply_lines_still_matches() =>
        Assert.Equal(BounceReason.NotCompliantRfc, ReasonClassifier.FromText("550-5.7.1 Messages with multiple\n550 5.7.1 addresses in From: header are not accepted."));
}

public sealed class DsnParserBlockTests
{
    [Fact]
    public void Final_recipient_before_original_recipient_is_one_recipient()
    {
        var report = DsnParser.TryParseFields("""
            Reporting-MTA: dns; mx.example.jp

            Action: failed
            Final-Recipient: rfc822; lena@example.test
            Original-Recipient: rfc822; lena@example.test
            Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
            Status: 5.2.2

            """);
        Assert.NotNull(report);
        var r = Assert.Single(report.Recipients);
        Assert.Equal("lena@example.test", r.FinalRecipient.Address);
        Assert.Equal("lena@example.test", r.OriginalRecipient?.Address);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(EnhancedStatusCode.Parse("5.2.2"), r.Status);
    }

    [Fact]
    public void Fields_before_the_address_belong_to_its_block()
    {
        var report = DsnParser.TryParseFields("""
            Reporting-MTA: dns; mx.example.jp

            Diagnostic-Code: smtp; 550 5.1.1 No such user
            Status: 5.1.1
            Final-Recipient: rfc822; mike@example.test
            Action: failed

            """);
        Assert.NotNull(report);
        var r = Assert.Single(report.Recipients);
        Assert.Equal("mike@example.test", r.FinalRecipient.Address);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), r.Status);
        Assert.Equal("550 5.1.1 No such user", r.DiagnosticCode?.Text);
    }

    [Fact]
    public void A_missing_blank_line_still_separates_two_recipients()
    {
        var report = DsnParser.TryParseFields("""
            Reporting-MTA: dns; mx.example.jp

            Final-Recipient: rfc822; nina@example.test
            Action: failed
            Status: 5.1.1
            Final-Recipient: rfc822; oscar@example.test
            Action: delayed
            Status: 4.4.1

            """);
        Assert.NotNull(report);
        Assert.Equal(["nina@example.test", "oscar@example.test"], report.Recipients.Select(r => r.FinalRecipient.Address));
        Assert.Equal(DsnAction.Delayed, report.Recipients[1].Action);
    }
}
