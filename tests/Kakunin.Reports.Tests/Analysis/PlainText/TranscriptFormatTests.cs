using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

// Sendmail (savemail.c), Courier (courierdsn) and MDaemon transcripts: each recipient must get the reply
// to its own RCPT, or the reply to DATA when its RCPT was accepted. Fixtures ours; values by hand (RFC 5321 §3.3).
public sealed class TranscriptFormatTests
{
    [Fact]
    public void Sendmail_transcript_with_several_replies_gives_each_recipient_its_own()
    {
        var a = TextMessage.Analyze("MAILER-DAEMON@mail.example.org", "Returned mail: see transcript for details",
            "The original message was received at Mon, 5 Jan 2026 09:00:00 GMT\nfrom localhost [127.0.0.1]\n\n"
            + "   ----- The following addresses had permanent fatal errors -----\n<a1@example.org>\n<a2@example.org>\n\n"
            + "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n"
            + ">>> RCPT To:<a1@example.org>\n<<< 550 5.1.1 <a1@example.org>... User unknown\n550 5.1.1 <a1@example.org>... User unknown\n"
            + ">>> RCPT To:<a2@example.org>\n<<< 552 5.2.2 <a2@example.org>... Mailbox full\n552 5.2.2 <a2@example.org>... Mailbox full\n");
        Assert.Equal("sendmail", a.Format);
        var a1 = a.For("a1@example.org");
        Assert.Equal(BounceReason.UserUnknown, a1.Reason);
        Assert.Equal("RCPT", a1.SmtpCommand);
        var a2 = a.For("a2@example.org");
        Assert.Equal(BounceReason.MailboxFull, a2.Reason);
        Assert.Equal(EnhancedStatusCode.Parse("5.2.2"), a2.Status);
        Assert.Equal(552, a2.ReplyCode);
    }

    [Fact]
    public void Sendmail_refusal_at_data_belongs_to_the_recipient_without_a_reply_of_its_own()
    {
        var a = TextMessage.Analyze("MAILER-DAEMON@mail.example.org", "Returned mail: see transcript for details",
            "   ----- The following addresses had permanent fatal errors -----\n<b1@example.org>\n<b2@example.org>\n\n"
            + "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n"
            + ">>> RCPT To:<b2@example.org>\n<<< 550 5.1.1 User unknown\n"
            + ">>> DATA\n<<< 554 5.7.1 Message rejected: spam content\n554 5.0.0 Service unavailable\n");
        var b1 = a.For("b1@example.org");
        Assert.Equal("DATA", b1.SmtpCommand);
        Assert.Equal(BounceReason.SpamDetected, b1.Reason);
        var b2 = a.For("b2@example.org");
        Assert.Equal("RCPT", b2.SmtpCommand);
        Assert.Equal(BounceReason.UserUnknown, b2.Reason);
    }

    [Fact]
    public void Sendmail_with_translated_headings_is_told_by_its_transcript()
    {
        var a = TextMessage.Analyze("MAILER-DAEMON@mail.example.org", "Rueckmeldung",
            "   ----- Die folgenden Adressen hatten permanente Fehler -----\n<c1@example.org>\n\n   ----- Sitzungsprotokoll -----\n"
            + ">>> MAIL From:<sender@kakunin.example> SIZE=1200\n<<< 553 5.1.8 <sender@kakunin.example>... Domain of sender address does not exist\n");
        Assert.Equal("sendmail", a.Format);
        var r = a.For("c1@example.org");
        Assert.Equal("MAIL", r.SmtpCommand);
        Assert.Equal(BounceReason.Rejected, r.Reason);
    }

    [Fact]
    public void Courier_transcripts_per_recipient_give_each_its_stage()
    {
        var a = TextMessage.Analyze("Courier mail server at mail.example.org <@>", "NOTICE: mail delivery status.",
            "This is a delivery status notification from mail.example.org,\nrunning the Courier mail server, version 1.1.\n\n"
            + "Your message to the following recipients cannot be delivered:\n\n"
            + "<d1@example.org>:\n    mx.example.org [192.0.2.41]:\n>>> RCPT TO:<d1@example.org>\n<<< 550 5.1.1 <d1@example.org>: user unknown\n\n"
            + "<d2@example.org>:\n    mx.example.org [192.0.2.41]:\n>>> DATA\n<<< 552 5.3.4 Message size exceeds fixed maximum message size\n");
        Assert.Equal("courier", a.Format);
        Assert.Equal("RCPT", a.For("d1@example.org").SmtpCommand);
        var d2 = a.For("d2@example.org");
        Assert.Equal("DATA", d2.SmtpCommand);
        Assert.Equal(BounceReason.MesgTooBig, d2.Reason);
        Assert.Equal(EnhancedStatusCode.Parse("5.3.4"), d2.Status);
    }

    [Fact]
    public void Courier_without_its_banner_is_told_by_the_transcript_layout()
    {
        var a = TextMessage.Analyze("postmaster@mail.example.org", "Your mail",
            "Mail system of example.org: your message could not be handed on.\n\n"
            + "<d3@example.org>:\n    mx.example.org [192.0.2.41]:\n>>> RCPT TO:<d3@example.org>\n<<< 554 5.7.1 <d3@example.org>: Relay access denied\n");
        Assert.Equal("courier", a.Format);
        var r = a.For("d3@example.org");
        Assert.Equal(BounceReason.NoRelaying, r.Reason);
        Assert.Equal("RCPT", r.SmtpCommand);
    }

    [Fact]
    public void MDaemon_log_transcript_maps_each_reply_to_the_rcpt_before_it()
    {
        var a = TextMessage.Analyze("MDaemon@mail.example.com", "Permanent Delivery Failure",
            "The attached message had PERMANENT fatal delivery errors!\n\n--- Session Transcript ---\n"
            + " Mon 2026-01-05 09:00:02: --> RCPT To:<e1@example.com>\n Mon 2026-01-05 09:00:02: <-- 552 5.2.2 Mailbox over quota\n"
            + " Mon 2026-01-05 09:00:02: --> RCPT To:<e2@example.com>\n Mon 2026-01-05 09:00:02: <-- 550 5.1.1 No such user here\n--- End Transcript ---\n");
        Assert.Equal("mdaemon", a.Format);
        var e1 = a.For("e1@example.com");
        Assert.Equal(BounceReason.MailboxFull, e1.Reason);
        Assert.Equal("552 5.2.2 Mailbox over quota", e1.Diagnostic);
        var e2 = a.For("e2@example.com");
        Assert.Equal(BounceReason.UserUnknown, e2.Reason);
        Assert.Equal(DsnAction.Failed, e2.Action);
    }
}
