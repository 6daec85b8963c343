using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Tests.Analysis;

// Expected values checked by hand against each fixture's text, RFC 3464 and RFC 3463.
public sealed class RecogniserTests
{
    [Fact]
    public void Postfix_dsn_is_read_on_the_standard_path()
    {
        var a = AnalysisFixtures.Analyze("postfix-userunknown.eml");
        Assert.Equal(ReportKind.Dsn, a.Kind);
        Assert.Equal("rfc3464", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("bob@example.test", r.Recipient);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), r.Status);
        Assert.Equal(550, r.ReplyCode);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.True(r.HardBounce);
        Assert.Equal("550 5.1.1 <bob@example.test>: Recipient address rejected: User unknown in local recipient table", r.Diagnostic);
        Assert.Equal("mx.example.test", r.RemoteMta);
        Assert.Equal("ENV-42", a.CorrelationKeys.OriginalEnvelopeId);
        Assert.Equal("orig-1@example.jp", a.CorrelationKeys.OriginalMessageId);
        Assert.Equal(["bob@example.test"], a.CorrelationKeys.OriginalRecipients);
        Assert.Equal("orig-1@example.jp", a.CorrelationKeys.InReplyTo);
    }

    [Fact]
    public void Qmail_prose_bounce()
    {
        var a = AnalysisFixtures.Analyze("qmail-mailboxfull.eml");
        Assert.Equal(ReportKind.Bounce, a.Kind);
        Assert.Equal("qmail", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("carol@example.test", r.Recipient);
        Assert.Equal(DsnAction.Failed, r.Action);
        Assert.Equal(EnhancedStatusCode.Parse("5.2.2"), r.Status);
        Assert.Equal(552, r.ReplyCode);
        Assert.Equal(BounceReason.MailboxFull, r.Reason);
        Assert.False(r.HardBounce);
        Assert.Equal("552 5.2.2 <carol@example.test>... Mailbox full", r.Diagnostic);
        Assert.Equal("192.0.2.20", r.RemoteMta);
        Assert.Equal("orig-2@example.jp", a.CorrelationKeys.OriginalMessageId);
    }

    [Fact]
    public void Exim_prose_bounce()
    {
        var a = AnalysisFixtures.Analyze("exim-blocked.eml");
        Assert.Equal("exim", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("dave@example.test", r.Recipient);
        Assert.Equal(EnhancedStatusCode.Parse("5.7.1"), r.Status);
        Assert.Equal(554, r.ReplyCode);
        Assert.Equal(BounceReason.Blocked, r.Reason);
        Assert.False(r.HardBounce);
        Assert.Equal("554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org", r.Diagnostic);
        Assert.Equal("mx.example.test", r.RemoteMta);
        Assert.Equal("orig-3@example.jp", a.CorrelationKeys.OriginalMessageId);
    }

    [Fact]
    public void Exchange_legacy_ndr_reads_the_hash_status()
    {
        var a = AnalysisFixtures.Analyze("exchange-userunknown.eml");
        Assert.Equal("exchange", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("erin@example.co.jp", r.Recipient);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), r.Status);
        Assert.Null(r.ReplyCode);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.True(r.HardBounce);
    }

    [Fact]
    public void Gmail_prose_bounce_with_dmarc_failure()
    {
        var a = AnalysisFixtures.Analyze("gmail-authfailure.eml");
        Assert.Equal("gmail", a.Format);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("frank@example.test", r.Recipient);
        Assert.Equal(EnhancedStatusCode.Parse("5.7.26"), r.Status);
        Assert.Equal(550, r.ReplyCode);
        Assert.Equal(BounceReason.AuthFailure, r.Reason);
        Assert.False(r.HardBounce);
        Assert.Equal("550 5.7.26 This message fails DMARC policy of example.jp", r.Diagnostic);
        Assert.Equal("mx.example.test", r.RemoteMta);
        Assert.Equal("orig-5@example.jp", a.CorrelationKeys.OriginalMessageId);
    }

    [Fact]
    public void Arf_feedback_report()
    {
        var a = AnalysisFixtures.Analyze("arf-abuse.eml");
        Assert.Equal(ReportKind.Feedback, a.Kind);
        Assert.Equal("abuse", a.FeedbackType);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("grace@isp.example.com", r.Recipient);
        Assert.Equal(BounceReason.Feedback, r.Reason);
        Assert.Null(r.Action);
        Assert.Equal("orig-6@example.jp", a.CorrelationKeys.OriginalMessageId);
    }

    [Fact]
    public void Auto_reply_is_not_a_bounce()
    {
        var a = AnalysisFixtures.Analyze("autoreply-vacation.eml");
        Assert.Equal(ReportKind.AutoReply, a.Kind);
        var r = Assert.Single(a.Recipients);
        Assert.Equal("heidi@example.test", r.Recipient);
        Assert.Equal(BounceReason.Vacation, r.Reason);
        Assert.False(r.HardBounce);
        Assert.Equal("orig-7@example.jp", a.CorrelationKeys.InReplyTo);
    }

    [Fact]
    public void Mdn_fields_are_read()
    {
        var a = AnalysisFixtures.Analyze("mdn-displayed.eml");
        Assert.Equal(ReportKind.Mdn, a.Kind);
        Assert.Equal("manual-action/MDN-sent-manually; displayed", a.Disposition);
        Assert.Equal("ivan@example.test", Assert.Single(a.Recipients).Recipient);
        Assert.Equal("orig-8@example.jp", a.CorrelationKeys.OriginalMessageId);
    }

    [Fact]
    public void Ordinary_mail_is_not_a_report()
    {
        var a = AnalysisFixtures.Analyze("not-a-report.eml");
        Assert.Equal(ReportKind.None, a.Kind);
        Assert.Empty(a.Recipients);
    }
}
