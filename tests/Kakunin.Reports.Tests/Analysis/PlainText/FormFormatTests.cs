using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

// Domino's Delivery Failure Report form and Exchange 2000/2003's text NDR, in English and translated,
// and the delay banner of Postfix / Sendmail. Fixtures ours; values by hand (RFC 3463).
public sealed class FormFormatTests
{
    [Fact]
    public void Domino_form_reason_paragraph_is_the_diagnostic()
    {
        var a = TextMessage.Analyze("Postmaster@notes.example.com", "DELIVERY FAILURE: report",
            "Your message\n\n  Subject: Quarterly report\n\nwas not delivered to:\n\n  g1@example.com\n\nbecause:\n\n"
            + "  User g1@example.com (g1@example.com) not listed in public Name & Address Book\n");
        Assert.Equal("domino", a.Format);
        var r = a.For("g1@example.com");
        Assert.Equal("User g1@example.com (g1@example.com) not listed in public Name & Address Book", r.Diagnostic);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
    }

    [Fact]
    public void Domino_form_in_another_language_is_read_by_its_layout()
    {
        var a = TextMessage.Analyze("Postmaster@notes.example.com", "Unzustellbar",
            "Ihre Nachricht\n\n  Betreff: Quarterly report\n\nwurde nicht zugestellt an:\n\n  g2@example.com\n\nweil:\n\n"
            + "  Benutzer g2@example.com ist nicht bekannt\n");
        Assert.Equal("domino", a.Format);
        Assert.Equal("Benutzer g2@example.com ist nicht bekannt", a.For("g2@example.com").Diagnostic);
    }

    [Fact]
    public void Exchange2003_remote_reply_and_its_code_win_over_exchanges_own_code()
    {
        var a = TextMessage.Analyze("postmaster@ex.example.com", "Undeliverable: report",
            "Your message did not reach some or all of the intended recipients.\n\nThe following recipient(s) could not be reached:\n\n"
            + "      h1@example.com on 1/5/2026 9:01 AM\n            The recipient's mailbox is full.\n            <ex.example.com #5.2.2>\n\n"
            + "      h2@example.org on 1/5/2026 9:01 AM\n            There was a SMTP communication problem.\n"
            + "            <ex.example.com #5.5.0 smtp;550 5.1.1 <h2@example.org>: no such user>\n");
        Assert.Equal("exchange2003", a.Format);
        Assert.Equal(EnhancedStatusCode.Parse("5.2.2"), a.For("h1@example.com").Status);
        var h2 = a.For("h2@example.org");
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), h2.Status);
        Assert.Equal(550, h2.ReplyCode);
        Assert.Equal(BounceReason.UserUnknown, h2.Reason);
    }

    [Fact]
    public void Exchange2003_translated_is_told_by_the_host_code_line()
    {
        var a = TextMessage.Analyze("postmaster@ex.example.com", "Unzustellbar",
            "Ihre Nachricht hat einige oder alle Empfaenger nicht erreicht.\n\n      h3@example.com am 05.01.2026 09:01\n"
            + "            Der Empfaenger konnte nicht gefunden werden.\n            <ex.example.com #5.1.1>\n");
        Assert.Equal("exchange2003", a.Format);
        Assert.Equal(BounceReason.UserUnknown, a.For("h3@example.com").Reason);
    }

    [Fact]
    public void GroupWise_each_recipient_keeps_only_its_own_cause()
    {
        var a = TextMessage.Analyze("Postmaster@gw.example.com", "Message status - undeliverable",
            "The message that you sent was undeliverable to the following:\n\tj1@nosuch.example (host not found)\n\tj2@example.com (user not found)\n\n"
            + "Possibly truncated original message follows:\n");
        Assert.Equal("groupwise", a.Format);
        var j1 = a.For("j1@nosuch.example");
        Assert.Equal("host not found", j1.Diagnostic);
        Assert.NotEqual(BounceReason.UserUnknown, j1.Reason); // the other recipient's "user not found" is not j1's
        Assert.Equal(BounceReason.UserUnknown, a.For("j2@example.com").Reason);
    }

    [Fact]
    public void Postfix_warning_banner_makes_the_text_bounce_delayed()
    {
        var a = TextMessage.Analyze("MAILER-DAEMON@mail.example.com", "Delayed Mail (still being retried)",
            "This is the mail system at host mail.example.com.\n\n"
            + "####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
            + "####################################################################\n\nYour message could not be delivered for more than 4 hour(s).\n"
            + "It will be retried until it is 5 day(s) old.\n\n                   The mail system\n\n"
            + "<i1@example.com>: connect to mx.example.com[192.0.2.11]:25: Connection refused\n");
        var r = a.For("i1@example.com");
        Assert.Equal(DsnAction.Delayed, r.Action);
        Assert.False(r.HardBounce);
    }
}
