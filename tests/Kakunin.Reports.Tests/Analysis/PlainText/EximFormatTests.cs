using Kakunin.Protocol;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

// Exim bounces without X-Failed-Recipients and without a DSN part (deliver.c's layout: the address indented
// two spaces, its details four). Fixtures ours; values by hand.
public sealed class EximFormatTests
{
    private const string Head = "This message was created automatically by mail delivery software.\n\n"
        + "A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n";

    [Fact]
    public void Older_layout_with_the_host_before_the_reply()
    {
        var a = TextMessage.Analyze("Mailer-Daemon@mail.example.com", "Mail delivery failed: returning message to sender", Head
            + "  f1@example.com\n    SMTP error from remote mail server after RCPT TO:<f1@example.com>:\n"
            + "    host mx.example.com [192.0.2.21]: 550 5.1.1 <f1@example.com>: Recipient address rejected: User unknown\n");
        Assert.Equal("exim", a.Format);
        var r = a.For("f1@example.com");
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.Equal("RCPT", r.SmtpCommand);
        Assert.Equal("mx.example.com", r.RemoteMta);
    }

    [Fact]
    public void Two_addresses_each_with_their_own_stage()
    {
        var a = TextMessage.Analyze("Mailer-Daemon@mail.example.com", "Mail delivery failed: returning message to sender", Head
            + "  f2@example.com\n    host mx.example.com [192.0.2.21]\n    SMTP error from remote mail server after RCPT TO:<f2@example.com>:\n    550 5.1.1 <f2@example.com>: No such user\n"
            + "  f3@example.org\n    host mx.example.org [192.0.2.22]\n    SMTP error from remote mail server after end of data:\n    552 5.2.2 Mailbox full\n");
        Assert.Equal(2, a.Recipients.Count);
        Assert.Equal(BounceReason.UserUnknown, a.For("f2@example.com").Reason);
        var f3 = a.For("f3@example.org");
        Assert.Equal(BounceReason.MailboxFull, f3.Reason);
        Assert.Equal("DATA", f3.SmtpCommand);
    }

    [Fact]
    public void An_address_without_a_code_keeps_its_own_words_beside_one_with_a_reply()
    {
        var a = TextMessage.Analyze("Mailer-Daemon@mail.example.com", "Mail delivery failed: returning message to sender", Head
            + "  f5@nosuch.example\n    Unrouteable address\n"
            + "  f6@example.com\n    host mx.example.com [192.0.2.23]\n    SMTP error from remote mail server after RCPT TO:<f6@example.com>:\n    552 5.2.2 <f6@example.com>: Mailbox full\n");
        var f5 = a.For("f5@nosuch.example");
        Assert.Equal("Unrouteable address", f5.Diagnostic);
        Assert.Equal(BounceReason.HostUnknown, f5.Reason);
        Assert.True(f5.HardBounce);
        Assert.Equal(BounceReason.MailboxFull, a.For("f6@example.com").Reason);
    }

    [Fact]
    public void Translated_template_is_told_by_the_indented_layout()
    {
        // No Exim sentence, no X-Failed-Recipients, no "SMTP error" line: only the indented layout is Exim's.
        var a = TextMessage.Analyze("Mailer-Daemon@mail.example.com", "Unzustellbar",
            "Ihre Nachricht konnte nicht an alle Empfaenger zugestellt werden:\n\n"
            + "  f4@example.com\n    host mx.example.com [192.0.2.21]\n    550 5.1.1 <f4@example.com>: User unknown\n");
        Assert.Equal("exim", a.Format);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), a.For("f4@example.com").Status);
    }
}
