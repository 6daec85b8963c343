using Kakunin.Protocol;
using Kakunin.Reports.Analysis;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

// Fixtures written from qmail-send.c / qmail-remote.c's messages (the layout: "<addr>:" paragraphs,
// qmail's "(#x.y.z)" codes, "Remote host said:"); the remote replies are ours. Expected values by hand
// against RFC 3463 and docs/bounce-reasons.md.
public sealed class QmailFormatTests
{
    private const string Head = "Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n";
    private const string Foot = "\n--- Below this line is a copy of the message.\n\nSubject: hello\n";

    [Fact]
    public void Each_recipient_paragraph_keeps_its_own_words()
    {
        var a = TextMessage.Analyze("MAILER-DAEMON@mx.example.net", "failure notice", Head
            + "<one@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
            + "<two@example.org>:\n192.0.2.31 does not like recipient.\nRemote host said: 552 5.2.2 <two@example.org>: mailbox is full\nGiving up on 192.0.2.31.\n" + Foot);
        Assert.Equal("qmail", a.Format);
        Assert.Equal(2, a.Recipients.Count);
        Assert.Equal(BounceReason.UserUnknown, a.For("one@example.net").Reason);
        var two = a.For("two@example.org");
        Assert.Equal(BounceReason.MailboxFull, two.Reason);
        Assert.Equal(552, two.ReplyCode);
        Assert.Equal("RCPT", two.SmtpCommand); // "does not like recipient": refused at RCPT
    }

    [Fact]
    public void Vpopmail_variant_is_user_unknown()
    {
        var a = TextMessage.Analyze("MAILER-DAEMON@mx.example.net", "failure notice", Head
            + "<three@example.net>:\nSorry, no mailbox here by that name. vpopmail (#5.1.1)\n" + Foot);
        var r = a.For("three@example.net");
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
        Assert.Equal(EnhancedStatusCode.Parse("5.1.1"), r.Status);
    }

    [Fact]
    public void Translated_template_without_any_qmail_sentence_is_told_by_its_layout()
    {
        // No "qmail-send program", no "Below this line": only "<addr>:" and the "(#5.1.2)" code.
        var a = TextMessage.Analyze("MAILER-DAEMON@mx.example.net", "Fehlermeldung",
            "Hallo. Dies ist der Mailserver mx.example.net.\nIhre Nachricht konnte an folgende Adressen nicht zugestellt werden.\n\n"
            + "<four@nosuch.example>:\nSorry, I couldn't find any host named nosuch.example. (#5.1.2)\n");
        Assert.Equal("qmail", a.Format);
        var r = a.For("four@nosuch.example");
        Assert.Equal(BounceReason.HostUnknown, r.Reason);
        Assert.True(r.HardBounce);
    }

    [Fact]
    public void Yahoo_qmail_derived_text_records_the_bracketed_stage()
    {
        var a = TextMessage.Analyze("MAILER-DAEMON@yahoo.example", "Failure Notice",
            "Sorry, we were unable to deliver your message to the following address.\n\n"
            + "<five@example.com>:\nRemote host said: 550 5.1.1 <five@example.com>... User unknown [RCPT_TO]\n" + Foot);
        var r = a.For("five@example.com");
        Assert.Equal("RCPT", r.SmtpCommand);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
    }
}
