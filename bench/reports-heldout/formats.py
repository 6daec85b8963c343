"""Held-out cases for plain-text bounce formats (issue 12 item 3), written before the recognisers were tuned.

Each wrapper follows the MTA's own template as its source or documentation describes it (the facts:
fixed sentences, line layout, where each recipient's reply sits); the wording of the remote replies is
ours. Several cases drop the family's usual marker sentence (a customised or translated template) so
that only the layout can tell the family. Nothing is taken from ../shared/corpus.
"""
import textwrap

SOURCES = {
    "qmail": "qmail-send.c / qmail-remote.c messages (cr.yp.to/qmail), netqmail, vpopmail and qmail-ldap error texts",
    "yahoo": "Yahoo's qmail-derived text bounce ('Sorry, we were unable to deliver your message'), [RCPT_TO]/[DATA] stage tags",
    "courier": "Courier courierdsn(8) and module.dsn templates (UNDELIVERABLE MAIL / DELAYS IN DELIVERING YOUR MESSAGE)",
    "exim": "Exim spec ch. 'Message processing' / deliver.c bounce and delay-warning texts",
    "sendmail": "sendmail savemail.c / errbody (permanent fatal errors, Transcript of session follows)",
    "mailman": "GNU Mailman 3 templates (list:user:notice:refuse, list:user:notice:hold)",
    "sympa": "Sympa reject notice (mail_tt2 'reject' / 'message_report')",
    "ezmlm": "ezmlm-reject / ezmlm-issubn behaviour, delivered through qmail-send's bounce",
    "mlmmj": "mlmmj listtexts (deny-post-subonly)",
    "domino": "HCL Domino 'Delivery Failure Report' form (Your message / was not delivered to / because)",
    "groupwise": "GroupWise Internet Agent undeliverable notice",
    "exchange2003": "Exchange 2000/2003 NDR text (Your message did not reach some or all of the intended recipients, <host #x.y.z>)",
    "mdaemon": "MDaemon delivery failure notice with session transcript",
    "kerio": "Kerio Connect undeliverable notice (Error Type / Remote server said)",
    "postfix": "Postfix bounce(5) templates, without the DSN part (notify_classes, bounce_template_file)",
    "rfc5965": "RFC 5965 §3.1 (Original-Rcpt-To optional), §B",
}


_env = {}


def text_message(family, n, frm, subject, body, rcpt_for_original=None, headers="", attach=True):
    """A one-part text/plain report, with the original's headers appended when rcpt_for_original is given."""
    original, SENDER = _env["original"], _env["SENDER"]
    orig = ""
    if attach and rcpt_for_original:
        orig = "\n" + original(rcpt_for_original) + "\nHello.\n"
    return f"""From: {frm}
To: {SENDER}
Subject: {subject}
Date: Mon, 05 Jan 2026 09:05:00 +0000
Message-ID: <fmt-{family}-{n}@example.invalid>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
{headers}
{body}
{orig}"""


def register(add, exp, original, SENDER):
    _env.update(original=original, SENDER=SENDER)
    text = text_message

    # ---------- qmail family (qmail-send's template, qmail-remote's per-recipient lines)
    QHEAD = """Hi. This is the qmail-send program at mx.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.
"""
    QFOOT = "\n--- Below this line is a copy of the message.\n"
    def qm(n, body, rcpt0, expectations, head=QHEAD, foot=QFOOT, subject="failure notice"):
        add("qmail", n, text("qmail", n, "MAILER-DAEMON@mx.example.net", subject, head + "\n" + body + foot, rcpt0), expectations)

    qm(9, """<qa1@example.net>:
Sorry, no mailbox here by that name. (#5.1.1)

<qa2@example.org>:
192.0.2.31 does not like recipient.
Remote host said: 552 5.2.2 <qa2@example.org>: mailbox is full
Giving up on 192.0.2.31.
""", "qa1@example.net", [exp("qa1@example.net", "userunknown", "5.1.1"), exp("qa2@example.org", "mailboxfull", "5.2.2", reply="552", index=2)])
    qm(10, """<qa3@example.net>:
Sorry, no mailbox here by that name. vpopmail (#5.1.1)
""", "qa3@example.net", [exp("qa3@example.net", "userunknown", "5.1.1")])
    qm(11, """<qa4@example.net>:
Mailaddress is administratively disabled. (#5.2.1)
""", "qa4@example.net", [exp("qa4@example.net", "suspend", "5.2.1")])
    qm(12, """<qa5@example.net>:
This message is looping: it already has my Delivered-To line. (#5.4.6)
""", "qa5@example.net", [exp("qa5@example.net", "networkerror", "5.4.6")])
    qm(13, """<qa6@example.org>:
Connected to 192.0.2.32 but greeting failed.
Remote host said: 554 mx.example.org ESMTP not accepting messages from 192.0.2.25
""", "qa6@example.org", [exp("qa6@example.org", "blocked", None, reply="554")])
    qm(14, """<qa7@example.org>:
192.0.2.33 failed after I sent the message.
Remote host said: 554 5.7.1 Message rejected as spam by the content filter
""", "qa7@example.org", [exp("qa7@example.org", "spamdetected", "5.7.1", reply="554")])
    # A customised bounce text (qmail's bouncemessage / a translated template): only the layout is qmail's.
    qm(15, """<qa8@nosuch.example>:
Sorry, I couldn't find any host named nosuch.example. (#5.1.2)
""", "qa8@nosuch.example", [exp("qa8@nosuch.example", "hostunknown", "5.1.2")],
       head="Hallo. Dies ist der Mailserver mx.example.net.\nIhre Nachricht konnte an folgende Adressen nicht zugestellt werden.\n",
       foot="\n--- Unterhalb dieser Zeile folgt eine Kopie der Nachricht.\n", subject="Fehlermeldung")
    qm(16, """<qa9@example.org>:
192.0.2.34 does not like recipient.
Remote host said: 550 5.7.1 <qa9@example.org>: Relay access denied
Giving up on 192.0.2.34.
""", "qa9@example.org", [exp("qa9@example.org", "norelaying", "5.7.1", reply="550")])

    # ---------- Yahoo's qmail-derived text
    YHEAD = "Sorry, we were unable to deliver your message to the following address.\n"
    def yh(n, body, rcpt, e):
        add("yahoo", n, text("yahoo", n, "MAILER-DAEMON@yahoo.example", "Failure Notice", YHEAD + "\n" + body + QFOOT, rcpt), e)
    yh(6, "<ya1@example.com>:\nRemote host said: 550 5.1.1 <ya1@example.com>... User unknown [RCPT_TO]\n", "ya1@example.com",
       [exp("ya1@example.com", "userunknown", "5.1.1", reply="550")])
    yh(7, "<ya2@example.com>:\nRemote host said: 552 Requested mail action aborted: exceeded storage allocation [DATA]\n", "ya2@example.com",
       [exp("ya2@example.com", "mailboxfull", None, reply="552")])
    yh(8, "<ya3@nosuch.example>:\nNo MX or A records for nosuch.example\n", "ya3@nosuch.example",
       [exp("ya3@nosuch.example", "hostunknown", None)])

    # ---------- Courier, text only (the DSN part lost by a forwarder, or a template without it)
    CHEAD = """This is a delivery status notification from mail.example.org,
running the Courier mail server, version 1.1.

The original message was received on Mon, 05 Jan 2026 09:00:00 +0000
from localhost [127.0.0.1]

---------------------------------------------------------------------------

                           UNDELIVERABLE MAIL

Your message to the following recipients cannot be delivered:

"""
    def cr(n, body, rcpt0, e, head=CHEAD, subject="NOTICE: mail delivery status."):
        add("courier", n, text("courier", n, "Courier mail server at mail.example.org <@>", subject, head + body, rcpt0), e)
    cr(4, """<cr1@example.org>:
    mx.example.org [192.0.2.41]:
>>> RCPT TO:<cr1@example.org>
<<< 550 5.1.1 <cr1@example.org>: user unknown

<cr2@example.org>:
    mx.example.org [192.0.2.41]:
>>> DATA
<<< 552 5.3.4 Message size exceeds fixed maximum message size
""", "cr1@example.org", [exp("cr1@example.org", "userunknown", "5.1.1", reply="550"), exp("cr2@example.org", "mesgtoobig", "5.3.4", reply="552", index=2)])
    cr(5, """<cr3@example.org>:
    mx.example.org [192.0.2.41]:
>>> RCPT TO:<cr3@example.org>
<<< 451 4.4.1 Connection timed out, will retry
""", "cr3@example.org", [exp("cr3@example.org", "expired", "4.4.1", action="delayed", reply="451")],
       head=CHEAD.replace("UNDELIVERABLE MAIL", "DELAYS IN DELIVERING YOUR MESSAGE").replace(
           "Your message to the following recipients cannot be delivered:",
           "Your message to the following recipients has not been delivered yet.\nDelivery attempts will continue."),
       subject="WARNING: delayed mail.")
    # Banner rewritten (no "Courier mail server", no "delivery status notification"): the transcript layout decides.
    cr(6, """<cr4@example.org>:
    mx.example.org [192.0.2.41]:
>>> RCPT TO:<cr4@example.org>
<<< 554 5.7.1 <cr4@example.org>: Relay access denied
""", "cr4@example.org", [exp("cr4@example.org", "norelaying", "5.7.1", reply="554")],
       head="Mail system of example.org: your message could not be handed on.\n\n")
    cr(7, """<cr5@example.org>:
    mx.example.org [192.0.2.41]:
>>> MAIL FROM:<sender@kakunin.example>
<<< 553 5.1.8 <sender@kakunin.example>: Sender address rejected: Domain not found
""", "cr5@example.org", [exp("cr5@example.org", "rejected", "5.1.8", reply="553")])

    # ---------- Exim without X-Failed-Recipients and without a DSN part
    EHEAD = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

"""
    ECOPY = "\n------ This is a copy of the message, including all the headers. ------\n"
    def ex(n, body, rcpt0, e, head=EHEAD, subject="Mail delivery failed: returning message to sender"):
        add("exim", n, text("exim", n, "Mail Delivery System <Mailer-Daemon@mail.example.com>", subject, head + body + ECOPY, rcpt0), e)
    # Exim 4's older layout: "host X [ip]: <reply>" after the "SMTP error ... after RCPT TO" line.
    ex(13, """  ex1@example.com
    SMTP error from remote mail server after RCPT TO:<ex1@example.com>:
    host mx.example.com [192.0.2.21]: 550 5.1.1 <ex1@example.com>: Recipient address rejected: User unknown
""", "ex1@example.com", [exp("ex1@example.com", "userunknown", "5.1.1", reply="550")])
    ex(14, """  ex2@example.com
    host mx.example.com [192.0.2.21]
    SMTP error from remote mail server after RCPT TO:<ex2@example.com>:
    550 5.1.1 <ex2@example.com>: No such user
  ex3@example.org
    host mx.example.org [192.0.2.22]
    SMTP error from remote mail server after end of data:
    552 5.2.2 Mailbox full
""", "ex2@example.com", [exp("ex2@example.com", "userunknown", "5.1.1", reply="550"), exp("ex3@example.org", "mailboxfull", "5.2.2", reply="552", index=2)])
    ex(15, """  ex4@example.com
    Delay reason: SMTP error from remote mail server after RCPT TO:<ex4@example.com>:
    host mx.example.com [192.0.2.21]: 451 4.3.0 Temporary lookup failure

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
""", "ex4@example.com", [exp("ex4@example.com", "expired", "4.3.0", action="delayed", reply="451")],
       head="""This message was created automatically by mail delivery software.

A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mail.example.com.

The message identifier is:     1vAbCd-000123-XY
The subject of the message is: Quarterly report

The address to which the message has not yet been delivered is:

""", subject="Warning: message 1vAbCd-000123-XY delayed 24 hours")
    ex(16, """  ex5@example.com
    (generated from team-alias@example.com)
    host mx.example.com [192.0.2.21]
    SMTP error from remote mail server after end of data:
    550 5.7.1 Message rejected because it contains a virus
""", "team-alias@example.com", [exp("ex5@example.com", "virusdetected", "5.7.1", reply="550")])
    # A translated bounce_message_file: no Exim sentence left, only the indented layout.
    ex(17, """  ex6@example.com
    host mx.example.com [192.0.2.21]
    SMTP error from remote mail server after RCPT TO:<ex6@example.com>:
    550 5.1.1 <ex6@example.com>: User unknown
""", "ex6@example.com", [exp("ex6@example.com", "userunknown", "5.1.1", reply="550")],
       head="Diese Nachricht wurde automatisch erzeugt.\n\nIhre Nachricht konnte nicht an alle Empfaenger zugestellt werden:\n\n",
       subject="Unzustellbar: Quarterly report")

    # ---------- Sendmail, text only, several replies in one transcript
    def sm(n, body, rcpt0, e, subject="Returned mail: see transcript for details"):
        add("sendmail", n, text("sendmail", n, "Mail Delivery Subsystem <MAILER-DAEMON@mail.example.org>", subject, body + "\n   ----- Original message follows -----\n", rcpt0), e)
    sm(9, """The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<sm1@example.org>
<sm2@example.org>

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> RCPT To:<sm1@example.org>
<<< 550 5.1.1 <sm1@example.org>... User unknown
550 5.1.1 <sm1@example.org>... User unknown
>>> RCPT To:<sm2@example.org>
<<< 552 5.2.2 <sm2@example.org>... Mailbox full
552 5.2.2 <sm2@example.org>... Mailbox full
""", "sm1@example.org", [exp("sm1@example.org", "userunknown", "5.1.1", reply="550"), exp("sm2@example.org", "mailboxfull", "5.2.2", reply="552", index=2)])
    sm(10, """The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<sm3@example.org>
    (reason: 554 5.7.1 Message rejected: spam content)
<sm4@example.org>
    (reason: 550 5.1.1 User unknown)

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> RCPT To:<sm4@example.org>
<<< 550 5.1.1 User unknown
550 5.1.1 <sm4@example.org>... User unknown
>>> DATA
<<< 554 5.7.1 Message rejected: spam content
554 5.0.0 Service unavailable
""", "sm3@example.org", [exp("sm3@example.org", "spamdetected", "5.7.1", reply="554"), exp("sm4@example.org", "userunknown", "5.1.1", reply="550", index=2)])
    sm(11, """The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<sm5@nosuch.example>
    (reason: 550 Host unknown)

   ----- Transcript of session follows -----
550 5.1.2 <sm5@nosuch.example>... Host unknown (Name server: nosuch.example: host not found)
""", "sm5@nosuch.example", [exp("sm5@nosuch.example", "hostunknown", "5.1.2", reply="550")])
    sm(12, """**********************************************
**      THIS IS A WARNING MESSAGE ONLY      **
**  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
**********************************************

The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- Transcript of session follows -----
<sm6@example.org>... Deferred: Connection timed out with mx.example.org.
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old
""", "sm6@example.org", [exp("sm6@example.org", "expired", None, action="delayed")], subject="Warning: could not send message for past 4 hours")
    # Translated headings: the transcript's ">>>" / "<<<" layout is all that is left.
    sm(13, """   ----- Die folgenden Adressen hatten permanente Fehler -----
<sm7@example.org>

   ----- Sitzungsprotokoll -----
... while talking to mx.example.org.:
>>> MAIL From:<sender@kakunin.example> SIZE=1200
<<< 553 5.1.8 <sender@kakunin.example>... Domain of sender address sender@kakunin.example does not exist
""", "sm7@example.org", [exp("sm7@example.org", "rejected", "5.1.8", reply="553")], subject="Rueckmeldung: Fehler bei der Zustellung")

    # ---------- Mailing-list managers
    MM_ORIG = "team@lists.example.org"
    add("mailman", 1, f"""From: team-owner@lists.example.org
To: {SENDER}
Subject: Your message to team@lists.example.org was rejected
Date: Mon, 05 Jan 2026 09:05:00 +0000
Message-ID: <mm-1@lists.example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mm1"

--mm1
Content-Type: text/plain; charset=us-ascii

Your message to the team mailing-list was rejected for the following
reasons:

The message is not from a list member

The original message as received by Mailman is attached.

--mm1
Content-Type: message/rfc822

{original(MM_ORIG)}
Hello list.
--mm1--
""", [exp(MM_ORIG, "rejected", None)])
    add("mailman", 2, text("mailman", 2, "team-owner@lists.example.org", "Your message to team@lists.example.org awaits moderator approval",
        """Your mail to 'team@lists.example.org' with the subject

    Quarterly report

Is being held until the list moderator can review it for approval.

The message is being held because:

    The message is not from a list member

Either the message will get posted to the list, or you will receive
notification of the moderator's decision.
""", attach=False), [exp(MM_ORIG, "onhold", None, action="delayed")])
    add("sympa", 1, text("sympa", 1, "sympa@lists.example.org", "Message distribution: Authorization denied",
        """Your message for list team@lists.example.org (attached below) was rejected.
You are not allowed to send this message for the following reason:

    You are not a subscriber of this list.

For further information, please contact team-request@lists.example.org
""", MM_ORIG), [exp(MM_ORIG, "rejected", None)])
    add("ezmlm", 1, text("ezmlm", 1, "MAILER-DAEMON@lists.example.org", "failure notice", QHEAD.replace("mx.example.net", "lists.example.org") + """
<team@lists.example.org>:
Sorry, only subscribers may post. If you are a subscriber, please forward this message to team-owner@lists.example.org to get your new address included (#5.7.2)
""" + QFOOT, MM_ORIG), [exp(MM_ORIG, "rejected", "5.7.2")])
    add("mlmmj", 1, text("mlmmj", 1, "team+owner@lists.example.org", "Post to team@lists.example.org denied: not subscribed",
        """Hi, this is the mlmmj program managing the <team@lists.example.org> mailing list.

Your post to the list was denied because you are not subscribed to it,
and the list only allows posts from its subscribers.
""", MM_ORIG), [exp(MM_ORIG, "rejected", None)])

    # ---------- Domino
    def dm(n, rcpts, because, e, head="Your message\n\n  Subject: Quarterly report\n\nwas not delivered to:\n\n", mid="\nbecause:\n\n", subject="DELIVERY FAILURE: Quarterly report"):
        body = head + "".join(f"  {r}\n" for r in rcpts) + mid + "  " + because + "\n"
        add("domino", n, text("domino", n, "Postmaster@notes.example.com", subject, body, rcpts[0]), e)
    dm(3, ["dm1@example.com"], "User dm1@example.com (dm1@example.com) not listed in public Name & Address Book", [exp("dm1@example.com", "userunknown", None)])
    dm(4, ["dm2@example.com"], "Unable to deliver to the remote server: 550 5.7.1 <dm2@example.com>: Recipient address rejected: Access denied",
       [exp("dm2@example.com", "blocked", "5.7.1", reply="550")])
    dm(5, ["dm3@example.com"], "Benutzer dm3@example.com (dm3@example.com) ist nicht im Domino-Verzeichnis aufgefuehrt",
       [exp("dm3@example.com", "userunknown", None)],
       head="Ihre Nachricht\n\n  Betreff: Quarterly report\n\nwurde nicht zugestellt an:\n\n", mid="\nweil:\n\n", subject="Unzustellbar: Quarterly report")

    # ---------- GroupWise
    def gw(n, lines, e):
        body = "The message that you sent was undeliverable to the following:\n" + "".join(f"\t{l}\n" for l in lines) + "\nPossibly truncated original message follows:\n"
        add("groupwise", n, text("groupwise", n, "Postmaster@gw.example.com", "Message status - undeliverable", body, None, attach=False), e)
    gw(3, ["gw1@nosuch.example (host not found)", "gw2@example.com (user not found)"],
       [exp("gw1@nosuch.example", "hostunknown", None), exp("gw2@example.com", "userunknown", None, index=2)])
    gw(4, ["gw3@example.com (550 5.7.1 <gw3@example.com>: Relaying denied)"], [exp("gw3@example.com", "norelaying", "5.7.1", reply="550")])

    # ---------- Exchange 2000/2003 text NDR
    X3HEAD = """Your message did not reach some or all of the intended recipients.

      Subject:\tQuarterly report
      Sent:\t1/5/2026 9:00 AM

The following recipient(s) could not be reached:

"""
    def x3(n, body, rcpt0, e, head=X3HEAD, subject="Undeliverable: Quarterly report"):
        add("exchange2003", n, text("exchange2003", n, "System Administrator <postmaster@ex.example.com>", subject, head + body, rcpt0), e)
    x3(1, """      xa1@example.com on 1/5/2026 9:01 AM
            The e-mail account does not exist at the organization this message was sent to.  Check the e-mail address, or contact the recipient directly to find out the correct address.
            <ex.example.com #5.1.1>
""", "xa1@example.com", [exp("xa1@example.com", "userunknown", "5.1.1")])
    x3(2, """      xa2@example.com on 1/5/2026 9:01 AM
            The recipient's mailbox is full and can't accept messages now.  Please try resending this message later, or contact the recipient directly.
            <ex.example.com #5.2.2>

      xa3@example.org on 1/5/2026 9:01 AM
            There was a SMTP communication problem with the recipient's email server.  Please contact your system administrator.
            <ex.example.com #5.5.0 smtp;553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)>
""", "xa2@example.com", [exp("xa2@example.com", "mailboxfull", "5.2.2"), exp("xa3@example.org", "norelaying", "5.7.1", reply="553", index=2)])
    # Translated text: the recipient line "<addr> on <date>" and the "<host #x.y.z>" line remain.
    x3(3, """      xa4@example.com am 05.01.2026 09:01
            Der Empfaenger konnte nicht gefunden werden.
            <ex.example.com #5.1.1>
""", "xa4@example.com", [exp("xa4@example.com", "userunknown", "5.1.1")],
       head="Ihre Nachricht hat einige oder alle Empfaenger nicht erreicht.\n\n      Betreff:\tQuarterly report\n\nFolgende Empfaenger konnten nicht erreicht werden:\n\n",
       subject="Unzustellbar: Quarterly report")

    # ---------- MDaemon with two recipients in one transcript
    add("mdaemon", 3, text("mdaemon", 3, "MDaemon@mail.example.com", "Permanent Delivery Failure", f"""The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

--- Session Transcript ---
 Mon 2026-01-05 09:00:01: Parsing message <orig>
 Mon 2026-01-05 09:00:02: Attempting SMTP connection to [mx.example.com]
 Mon 2026-01-05 09:00:02: Connected to [192.0.2.61:25]
 Mon 2026-01-05 09:00:02: --> RCPT To:<md1@example.com>
 Mon 2026-01-05 09:00:02: <-- 552 5.2.2 Mailbox over quota
 Mon 2026-01-05 09:00:02: --> RCPT To:<md2@example.com>
 Mon 2026-01-05 09:00:02: <-- 550 5.1.1 No such user here
--- End Transcript ---
""", "md1@example.com"), [exp("md1@example.com", "mailboxfull", "5.2.2", reply="552"), exp("md2@example.com", "userunknown", "5.1.1", reply="550", index=2)])

    # ---------- Kerio Connect
    KHEAD = """Your message did not reach some or all of the intended recipients.

   Subject: Quarterly report
   Sent: 1/5/2026 9:00 AM

The following recipient(s) could not be reached:

"""
    def kr(n, body, rcpt, e):
        add("kerio", n, text("kerio", n, "Mail Delivery Subsystem <postmaster@kerio.example.com>", "Undeliverable: Quarterly report", KHEAD + body, rcpt), e)
    kr(1, """   kr1@example.com
       Error Type: SMTP
       Remote server (192.0.2.71) issued an error.
       hop count: 1
       Remote server said: 550 5.1.1 <kr1@example.com>: Recipient address rejected: User unknown
""", "kr1@example.com", [exp("kr1@example.com", "userunknown", "5.1.1", reply="550")])
    kr(2, """   kr2@example.com
       Error Type: SMTP
       Remote server (192.0.2.71) issued an error.
       hop count: 1
       Remote server said: 554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org
""", "kr2@example.com", [exp("kr2@example.com", "blocked", "5.7.1", reply="554")])

    # ---------- Postfix text only (no DSN part)
    PHEAD = """This is the mail system at host mail.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

"""
    def pf(n, body, rcpt0, e, head=PHEAD, subject="Undelivered Mail Returned to Sender"):
        add("postfix", n, text("postfix", n, "MAILER-DAEMON@mail.example.com (Mail Delivery System)", subject, head + body, rcpt0), e)
    pf(15, """<pf1@example.com>: host mx.example.com[192.0.2.11] said: 550 5.1.1
    <pf1@example.com>: Recipient address rejected: User unknown (in reply to
    RCPT TO command)

<pf2@example.org>: host mx.example.org[192.0.2.12] said: 552 5.2.2 Over
    quota (in reply to end of DATA command)
""", "pf1@example.com", [exp("pf1@example.com", "userunknown", "5.1.1", reply="550"), exp("pf2@example.org", "mailboxfull", "5.2.2", reply="552", index=2)])
    pf(16, """<pf3@example.com>: connect to mx.example.com[192.0.2.11]:25: Connection
    refused
""", "pf3@example.com", [exp("pf3@example.com", "expired", None, action="delayed")],
       head="""This is the mail system at host mail.example.com.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

""", subject="Delayed Mail (still being retried)")
    # A site's own bounce template (bounce_template_file), translated: the "<addr>: text" lines remain.
    pf(17, """<pf4@example.com>: unknown user: "pf4"
""", "pf4@example.com", [exp("pf4@example.com", "userunknown", None)],
       head="Dies ist das Mailsystem von mail.example.com.\n\nIhre Nachricht konnte nicht zugestellt werden.\n\n", subject="Unzustellbare Nachricht")

    # ---------- Feedback reports without a named recipient
    def arf(n, rcpt_field, orig_to, ftype="abuse"):
        return f"""From: <fbl@isp.example>
To: <fbl-reports@kakunin.example>
Subject: Feedback report
Date: Mon, 05 Jan 2026 10:00:00 +0000
Message-ID: <arf-{n}@isp.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="arf{n}"

--arf{n}
Content-Type: text/plain; charset=us-ascii

This is a feedback report for a message received from 192.0.2.25.

--arf{n}
Content-Type: message/feedback-report

Feedback-Type: {ftype}
User-Agent: ExampleFBL/2.0
Version: 1
{rcpt_field}Source-IP: 192.0.2.25

--arf{n}
Content-Type: text/rfc822-headers

From: <{SENDER}>
To: {orig_to}
Subject: Newsletter
Message-ID: <news-{n}@kakunin.example>

--arf{n}--
"""
    add("rfc5965", 2, arf(2, "", "undisclosed-recipients:;"), [exp(None, "feedback", None, action=None, hard=False, ftype="abuse")])
    add("rfc5965", 3, arf(3, "", "<Undisclosed Recipients>", ftype="fraud"), [exp(None, "feedback", None, action=None, hard=False, ftype="fraud")])
    add("rfc5965", 4, arf(4, "Original-Rcpt-To: <complainer@isp.example>\n", "<list@kakunin.example>"),
        [exp("complainer@isp.example", "feedback", None, action=None, hard=False, ftype="abuse")])
