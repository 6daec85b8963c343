#!/usr/bin/env python3
"""Writes the held-out bounce set (bench/reports-heldout/*.eml + expectations.jsonl).

Written by the team from the report formats the RFCs define (RFC 3464 DSN, RFC 3463 codes, RFC 5965
ARF, RFC 3834 auto-replies) and from the reply texts providers publish for their own servers (URL in
`SOURCES` beside each family). Nothing here is taken from ../shared/corpus. Each case carries the
expected reason, judged by hand against docs/bounce-reasons.md; `status` is the code a reader should
report (null where the report carries no code at all). Run: python3 make_heldout.py (rewrites the folder).
"""
import json, os, textwrap
import formats
import formats2
import formats3

HERE = os.path.dirname(os.path.abspath(__file__))
SENDER = "sender@kakunin.example"

SOURCES = {
    "postfix": "Postfix bounce(5) / DSN format, postfix.org/DSN_README.html, RFC 3464",
    "sendmail": "Sendmail DSN with session transcript (sendmail.org op guide), RFC 3464",
    "exim": "Exim spec ch. 'Bounce messages' (exim.org/exim-html-current/doc/html/spec_html/ch-message_processing.html)",
    "qmail": "qmail-send bounce format (cr.yp.to/proto/qsbmf.txt)",
    "courier": "Courier courierdsn(8) / DSN",
    "exchange": "learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online",
    "outlook": "Outlook.com postmaster: sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx",
    "gmail": "support.google.com/a/answer/3726730 (Gmail SMTP errors and codes)",
    "yahoo": "senders.yahooinc.com/smtp-error-codes/",
    "aol": "senders.yahooinc.com/smtp-error-codes/ (AOL is served by Yahoo)",
    "amazonses": "docs.aws.amazon.com/ses/latest/dg/notification-contents.html (DSN fields)",
    "sendgrid": "docs.sendgrid.com/ui/sending-email/bounces",
    "mdaemon": "MDaemon delivery failure notice (session transcript) documentation",
    "domino": "HCL Domino 'Delivery Failure Report' documentation",
    "groupwise": "GroupWise undeliverable notice documentation",
    "zimbra": "Zimbra (Postfix + LMTP) wiki: bounce messages",
    "docomo": "NTT docomo sender guidance (domain filtering refuses after DATA with 550 Unknown user)",
    "au": "KDDI au (ezweb) sender guidance",
    "softbank": "SoftBank mail sender guidance",
    "lists": "Google Groups / Sympa rejection notices (their help pages)",
    "godaddy": "godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685",
    "orange": "postmaster.orange.fr (OFR codes)",
    "laposte": "postmaster.laposte.net (LPN codes)",
    "mimecast": "community.mimecast.com/docs/DOC-1369 (Mimecast SMTP error codes)",
    "proofpoint": "Proofpoint Essentials / ipcheck.proofpoint.com documentation",
    "barracuda": "barracudanetworks.com/reputation (Barracuda Reputation Block List)",
    "zoho": "zoho.com/mail/help/adminconsole/ (bounce reasons)",
    "tencent": "service.exmail.qq.com (Tencent error code pages)",
    "rfc3464": "RFC 3464 Appendix (example DSNs)",
    "rfc5965": "RFC 5965 §B (example feedback report)",
    "rfc3834": "RFC 3834 (auto-reply headers)",
}

cases = []   # (file, message text, [expectation dicts])

def exp(rcpt, reason, status, action="failed", reply=None, hard=None, index=1, ftype=None):
    if hard is None:
        hard = action == "failed" and reason in ("userunknown", "hostunknown", "hasmoved", "notaccept") and (status or "5").startswith("5")
    return {"index": index, "recipient": rcpt, "action": action, "status": status, "replycode": reply,
            "reason": reason, "hardbounce": hard, "feedbacktype": ftype}

def original(rcpt, subject="Quarterly report"):
    return textwrap.dedent(f"""\
        From: Sender <{SENDER}>
        To: <{rcpt}>
        Subject: {subject}
        Date: Mon, 05 Jan 2026 09:00:00 +0000
        Message-ID: <orig-{rcpt.replace('@', '.')}@kakunin.example>
        """)

def dsn(family, n, mta, human, recips, subject="Undelivered Mail Returned to Sender", sender_from=None):
    """recips: list of dicts with rcpt, action, status, diag (with type prefix), rmta (optional)."""
    boundary = f"=_heldout_{family}_{n}"
    blocks = []
    for r in recips:
        lines = [f"Final-Recipient: rfc822; {r['rcpt']}", f"Action: {r['action']}", f"Status: {r['status']}"]
        if r.get("rmta"):
            lines.append(f"Remote-MTA: dns; {r['rmta']}")
        if r.get("diag"):
            lines.append(f"Diagnostic-Code: {r['diag']}")
        blocks.append("\n".join(lines))
    body = f"""From: {sender_from or f'MAILER-DAEMON@{mta}'}
To: {SENDER}
Subject: {subject}
Date: Mon, 05 Jan 2026 09:05:00 +0000
Message-ID: <dsn-{family}-{n}@{mta}>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"

--{boundary}
Content-Type: text/plain; charset=us-ascii

{human}

--{boundary}
Content-Type: message/delivery-status

Reporting-MTA: dns; {mta}
Arrival-Date: Mon, 05 Jan 2026 09:00:01 +0000

""" + "\n\n".join(blocks) + f"""

--{boundary}
Content-Type: text/rfc822-headers

{original(recips[0]['rcpt'])}
--{boundary}--
"""
    return body

def text_bounce(family, n, mta, subject, body, rcpt, headers=""):
    return f"""From: Mail Delivery System <MAILER-DAEMON@{mta}>
To: {SENDER}
Subject: {subject}
Date: Mon, 05 Jan 2026 09:05:00 +0000
Message-ID: <txt-{family}-{n}@{mta}>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
{headers}
{body}

------ This is a copy of the message, including all the headers. ------

{original(rcpt)}
Hello.
"""

def add(family, n, message, expectations):
    cases.append((f"{family}-{n:02d}.eml", message, expectations))

# ---------- Postfix: DSN, human part names the command (in reply to ... command)
def postfix(family, n, rcpt, host, reply, cmd, status, reason, action="failed", hard=None, dtype="smtp", reply_code=None):
    said = (f"host {host}[192.0.2.10] refused to talk to me: {reply}" if cmd == "CONNECT"
            else f"host {host}[192.0.2.10] said: {reply} (in reply to {cmd} command)" if host else reply)
    human = f"""This is the mail system at host mail.kakunin.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<{rcpt}>: {said}"""
    diag = f"{dtype}; {reply}"
    add(family, n, dsn(family, n, "mail.kakunin.example", human,
        [dict(rcpt=rcpt, action=action, status=status if status else "5.0.0", diag=diag, rmta=host)]),
        [exp(rcpt, reason, status, action, reply_code or (reply[:3] if reply[:3].isdigit() else None), hard)])

postfix("postfix", 1, "nobody@example.net", "mx.example.net", "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in local recipient table", "RCPT TO", "5.1.1", "userunknown")
postfix("postfix", 2, "full@example.net", "mx.example.net", "552 5.2.2 <full@example.net>: Mailbox full", "end of DATA", "5.2.2", "mailboxfull")
postfix("postfix", 3, "bob@example.net", "mx.example.net", "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org", "RCPT TO", "5.7.1", "blocked")
postfix("postfix", 4, "a@nosuch.example", None, "Host or domain name not found. Name service error for name=nosuch.example type=A: Host not found", None, "5.4.4", "hostunknown", dtype="X-Postfix")
postfix("postfix", 5, "c@example.net", "mx.example.net", "554 5.7.1 <c@example.net>: Relay access denied", "RCPT TO", "5.7.1", "norelaying")
postfix("postfix", 6, "d@example.net", "mx.example.net", "554 5.7.1 Spam message rejected", "end of DATA", "5.7.1", "spamdetected")
postfix("postfix", 7, "e@example.net", None, "connect to mx.example.net[192.0.2.10]:25: Connection timed out", None, "4.4.1", "expired", dtype="X-Postfix")
postfix("postfix", 8, "f@example.net", "mx.example.net", "552 5.3.4 Message size exceeds fixed limit", "end of DATA", "5.3.4", "mesgtoobig")
postfix("postfix", 9, "g@example.net", "mx.example.net", "553 5.1.8 <sender@kakunin.example>: Sender address rejected: Domain not found", "MAIL FROM", "5.1.8", "rejected")
postfix("postfix", 10, "h@example.net", "mx.example.net", "550 5.7.25 Client host rejected: cannot find your hostname, [192.0.2.25]", "RCPT TO", "5.7.25", "requireptr")
postfix("postfix", 11, "i@nullmx.example", None, "nullmx.example: Domain accepts no mail (null MX)", None, "5.1.10", "notaccept", dtype="X-Postfix")
postfix("postfix", 12, "j@example.net", "mx.example.net", "554 5.7.1 Message contains a virus (Eicar-Test-Signature)", "end of DATA", "5.7.1", "virusdetected")
postfix("postfix", 13, "k@example.net", "mx.example.net", "550 5.7.1 Rejected", "end of DATA", "5.7.1", "filtered")
postfix("postfix", 14, "l@example.net", "mx.example.net", "554 5.4.6 Too many hops", "end of DATA", "5.4.6", "networkerror")

# ---------- Sendmail: DSN with a session transcript
def sendmail(n, rcpt, cmd_line, replies, status, diag, reason, action="failed"):
    human = f"""The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<{rcpt}>
    (reason: {diag})

   ----- Transcript of session follows -----
... while talking to mx.example.net.:
>>> {cmd_line}
""" + "\n".join(f"<<< {r}" for r in replies) + f"\n{diag}"
    add("sendmail", n, dsn("sendmail", n, "mail.kakunin.example", human,
        [dict(rcpt=rcpt, action=action, status=status, diag=f"smtp; {diag}", rmta="mx.example.net")],
        subject="Returned mail: see transcript for details"),
        [exp(rcpt, reason, status, action, diag[:3])])

sendmail(1, "nobody@example.org", "RCPT To:<nobody@example.org>", ["550 5.1.1 <nobody@example.org>... User unknown"], "5.1.1", "550 5.1.1 <nobody@example.org>... User unknown", "userunknown")
sendmail(2, "m@example.org", "DATA", ["550 5.7.1 Message rejected as spam by Content Filtering"], "5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering", "spamdetected")
sendmail(3, "n@example.org", "MAIL From:<sender@kakunin.example>", ["553 5.1.8 <sender@kakunin.example>... Domain of sender address sender@kakunin.example does not exist"], "5.1.8", "553 5.1.8 <sender@kakunin.example>... Domain of sender address sender@kakunin.example does not exist", "rejected")
sendmail(4, "o@example.org", "RCPT To:<o@example.org>", ["552 5.2.2 <o@example.org>... Mailbox full"], "5.2.2", "552 5.2.2 <o@example.org>... Mailbox full", "mailboxfull")
sendmail(5, "p@example.org", "RCPT To:<p@example.org>", ["550 5.7.1 <p@example.org>... Relaying denied"], "5.7.1", "550 5.7.1 <p@example.org>... Relaying denied", "norelaying")
sendmail(6, "q@example.org", "DATA", ["554 5.7.1 <q@example.org>... User unknown"], "5.7.1", "554 5.7.1 <q@example.org>... User unknown", "filtered")
add("sendmail", 7, dsn("sendmail", 7, "mail.kakunin.example", """The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<r@nosuch.example>
    (reason: 550 Host unknown)

   ----- Transcript of session follows -----
550 5.1.2 <r@nosuch.example>... Host unknown (Name server: nosuch.example: host not found)""",
    [dict(rcpt="r@nosuch.example", action="failed", status="5.1.2", diag="smtp; 550 Host unknown")], subject="Returned mail: see transcript for details"),
    [exp("r@nosuch.example", "hostunknown", "5.1.2", reply="550")])
add("sendmail", 8, dsn("sendmail", 8, "mail.kakunin.example", """**********************************************
**      THIS IS A WARNING MESSAGE ONLY      **
**  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
**********************************************

The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- Transcript of session follows -----
<s@example.org>... Deferred: Connection refused by mx.example.org.
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old""",
    [dict(rcpt="s@example.org", action="delayed", status="4.4.1", diag=None)], subject="Warning: could not send message for past 4 hours"),
    [exp("s@example.org", "expired", "4.4.1", action="delayed")])

# ---------- Exim: plain text
def exim(n, rcpt, detail, reason, status=None, reply=None, subject="Mail delivery failed: returning message to sender"):
    body = f"""This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  {rcpt}
{textwrap.indent(detail, '    ')}"""
    add("exim", n, text_bounce("exim", n, "mail.kakunin.example", subject, body, rcpt, f"X-Failed-Recipients: {rcpt}\n"),
        [exp(rcpt, reason, status, reply=reply)])

exim(1, "t@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after RCPT TO:<t@example.com>:\n550 5.1.1 <t@example.com>: No such user here", "userunknown", "5.1.1", "550")
exim(2, "u@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after end of data:\n550 Unknown user", "filtered", None, "550")
exim(3, "v@nosuch.example", "Unrouteable address", "hostunknown")
exim(4, "w@example.com", "retry time not reached for any host for 'example.com' after a long failure period", "expired")
exim(5, "x@badmx.example", "all relevant MX records point to non-existent hosts", "hostunknown")
exim(6, "y@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after MAIL FROM:<sender@kakunin.example> SIZE=1234:\n550 5.1.8 Sender address rejected: Domain not found", "rejected", "5.1.8", "550")
exim(7, "z@kakunin.example", "mailbox is full: retry timeout exceeded", "mailboxfull")
exim(8, "aa@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after initial connection:\n554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using bl.spamcop.net", "blocked", "5.7.1", "554")
exim(9, "ab@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after RCPT TO:<ab@example.com>:\n550 5.2.1 <ab@example.com>: Recipient address rejected: Mailbox disabled, not accepting messages", "suspend", "5.2.1", "550")
exim(10, "ac@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after end of data:\n550 5.7.26 Unauthenticated email from kakunin.example is not accepted due to domain's DMARC policy", "authfailure", "5.7.26", "550")
exim(11, "ad@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after RCPT TO:<ad@example.com>:\n550 5.7.9 Rejected", "securityerror", "5.7.9", "550")
exim(12, "ae@example.com", "host mx.example.com [192.0.2.20]\nSMTP error from remote mail server after RCPT TO:<ae@example.com>:\n550 5.7.1 Access denied", "blocked", "5.7.1", "550")

# ---------- qmail: plain text
def qmail(n, rcpt, detail, reason, status=None, reply=None, permanent=True):
    head = ("This is a permanent error; I've given up. Sorry it didn't work out." if permanent
            else "I'm not going to try again; this message has been in the queue too long.")
    body = f"""Hi. This is the qmail-send program at mail.kakunin.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
{head}

<{rcpt}>:
{detail}

--- Below this line is a copy of the message.
"""
    add("qmail", n, f"""From: MAILER-DAEMON@mail.kakunin.example
To: {SENDER}
Subject: failure notice
Date: Mon, 05 Jan 2026 09:05:00 +0000
Message-ID: <qmail-{n}@mail.kakunin.example>

{body}
{original(rcpt)}
Hello.
""", [exp(rcpt, reason, status, reply=reply)])

qmail(1, "ba@example.net", "192.0.2.30 does not like recipient.\nRemote host said: 550 5.1.1 <ba@example.net>... User unknown\nGiving up on 192.0.2.30.", "userunknown", "5.1.1", "550")
qmail(2, "bb@kakunin.example", "Sorry, no mailbox here by that name. (#5.1.1)", "userunknown", "5.1.1")
qmail(3, "bc@nosuch.example", "Sorry, I couldn't find any host named nosuch.example. (#5.1.2)", "hostunknown", "5.1.2")
qmail(4, "bd@kakunin.example", "The users mailfolder is over the allowed quota (size). (#5.2.2)", "mailboxfull", "5.2.2")
qmail(5, "be@example.net", "Connected to 192.0.2.30 but sender was rejected.\nRemote host said: 553 sorry, your envelope sender domain must exist (#5.7.1)", "rejected", "5.7.1", "553")
qmail(6, "bf@example.net", "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", "expired", "4.4.1", permanent=False)
qmail(7, "bg@example.net", "192.0.2.30 failed after I sent the message.\nRemote host said: 552 5.3.4 Message size exceeds fixed maximum message size", "mesgtoobig", "5.3.4", "552")
qmail(8, "bh@example.net", "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", "hostunknown", "5.4.4")

# ---------- Courier: DSN whose text is a transcript
def courier(n, rcpt, lines, action, status, diag, reason):
    human = f"""This is a delivery status notification from mail.kakunin.example,
running the Courier mail server, version 1.1.

The original message was received on Mon, 05 Jan 2026 09:00:00 +0000
from localhost [127.0.0.1]

---------------------------------------------------------------------------

                           UNDELIVERABLE MAIL

Your message to the following recipients cannot be delivered:

<{rcpt}>:
    mx.example.org [192.0.2.40]:
""" + "\n".join("    " + l for l in lines)
    add("courier", n, dsn("courier", n, "mail.kakunin.example", human,
        [dict(rcpt=rcpt, action=action, status=status, diag=f"smtp; {diag}", rmta="mx.example.org")], subject="NOTICE: mail delivery status."),
        [exp(rcpt, reason, status, action, diag[:3])])

courier(1, "ca@example.org", [">>> RCPT TO:<ca@example.org>", "<<< 550 5.1.1 <ca@example.org>: user unknown"], "failed", "5.1.1", "550 5.1.1 <ca@example.org>: user unknown", "userunknown")
courier(2, "cb@example.org", [">>> DATA", "<<< 554 5.7.1 Message rejected: spam detected"], "failed", "5.7.1", "554 5.7.1 Message rejected: spam detected", "spamdetected")
courier(3, "cc@example.org", [">>> DATA", "<<< 550 5.0.0 Recipient address rejected: no such user"], "failed", "5.0.0", "550 5.0.0 Recipient address rejected: no such user", "filtered")

# ---------- Exchange Online / Microsoft 365 NDR (DSN with the Microsoft human part)
def exchange(n, rcpt, status, diag, reason, action="failed", family="exchange"):
    human = f"""Delivery has failed to these recipients or groups:

{rcpt}
The recipient's email system rejected the message.

Diagnostic information for administrators:

Generating server: AM0PR01MB0001.eurprd01.prod.outlook.com

{rcpt}
Remote Server returned '{diag}'"""
    add(family, n, dsn(family, n, "AM0PR01MB0001.eurprd01.prod.outlook.com", human,
        [dict(rcpt=rcpt, action=action, status=status, diag=f"smtp; {diag}")], subject="Undeliverable: Quarterly report",
        sender_from="postmaster@contoso.example"),
        [exp(rcpt, reason, status, action, diag[:3] if diag[:3].isdigit() else None)])

exchange(1, "da@contoso.example", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "userunknown")
exchange(2, "db@contoso.example", "5.1.1", "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", "userunknown")
exchange(3, "dc@contoso.example", "5.2.2", "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded", "mailboxfull")
exchange(4, "dd@contoso.example", "5.7.708", "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP", "blocked")
exchange(5, "de@contoso.example", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "userunknown")
exchange(6, "df@contoso.example", "5.7.509", "550 5.7.509 Access denied, sending domain kakunin.example does not pass DMARC verification and has a DMARC policy of reject", "authfailure")
exchange(7, "dg@contoso.example", "5.7.606", "550 5.7.606 Access denied, banned sending IP [192.0.2.25]", "blocked")
exchange(8, "dh@contoso.example", "5.3.4", "552 5.3.4 Message size exceeds fixed maximum message size", "mesgtoobig")
exchange(9, "di@contoso.example", "4.4.7", "400 4.4.7 Message delayed", "expired", action="delayed")

# ---------- Outlook.com (consumer) replies inside a Postfix bounce
postfix("outlook", 1, "ea@outlook.example", "outlook-com.olc.protection.outlook.com", "550 5.7.1 Unfortunately, messages from [192.0.2.25] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150)", "RCPT TO", "5.7.1", "blocked")
postfix("outlook", 2, "eb@outlook.example", "outlook-com.olc.protection.outlook.com", "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302)", "RCPT TO", "5.5.0", "userunknown")

# ---------- Gmail replies (remote) inside Postfix and Exim bounces; and Gmail's own NDR
postfix("gmail", 1, "fa@gmail.example", "gmail-smtp-in.l.google.com", "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser", "RCPT TO", "5.1.1", "userunknown")
postfix("gmail", 2, "fb@gmail.example", "gmail-smtp-in.l.google.com", "552-5.2.2 The email account that you tried to reach is over quota. 552 5.2.2 https://support.google.com/mail/?p=OverQuotaPerm", "RCPT TO", "5.2.2", "mailboxfull")
postfix("gmail", 3, "fc@gmail.example", "gmail-smtp-in.l.google.com", "550-5.7.1 [192.0.2.25] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.", "end of DATA", "5.7.1", "spamdetected")
postfix("gmail", 4, "fd@gmail.example", "gmail-smtp-in.l.google.com", "550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.", "end of DATA", "5.7.26", "authfailure")
postfix("gmail", 5, "fe@gmail.example", "gmail-smtp-in.l.google.com", "550-5.7.25 [192.0.2.25] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP.", "end of DATA", "5.7.25", "requireptr")
postfix("gmail", 6, "ff@gmail.example", "gmail-smtp-in.l.google.com", "550 5.2.1 The email account that you tried to reach is disabled.", "RCPT TO", "5.2.1", "suspend")
postfix("gmail", 7, "fg@gmail.example", "gmail-smtp-in.l.google.com", "552-5.7.0 This message was blocked because its content presents a potential security issue.", "end of DATA", "5.7.0", "policyviolation")
add("gmail", 8, dsn("gmail", 8, "googlemail.com", """** Address not found **

Your message wasn't delivered to fh@nosuch.example because the domain nosuch.example couldn't be found. Check for typos or unnecessary spaces and try again.

The response was:

DNS Error: DNS type 'mx' lookup of nosuch.example responded with code NXDOMAIN Domain name not found: nosuch.example""",
    [dict(rcpt="fh@nosuch.example", action="failed", status="5.1.2", diag="smtp; DNS Error: DNS type 'mx' lookup of nosuch.example responded with code NXDOMAIN Domain name not found: nosuch.example")],
    subject="Delivery Status Notification (Failure)", sender_from="Mail Delivery Subsystem <mailer-daemon@googlemail.com>"),
    [exp("fh@nosuch.example", "hostunknown", "5.1.2")])

# ---------- Yahoo / AOL replies
postfix("yahoo", 1, "ga@yahoo.example", "mta7.am0.yahoodns.net", "554 5.7.9 Message not accepted for policy reasons.  See https://help.yahoo.com/kb/postmaster/SLN7304.html", "end of DATA", "5.7.9", "policyviolation")
postfix("yahoo", 2, "gb@yahoo.example", "mta7.am0.yahoodns.net", "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "MAIL FROM", "4.7.0", "badreputation")
postfix("yahoo", 3, "gc@yahoo.example", "mta7.am0.yahoodns.net", "554 delivery error: dd Sorry your message to gc@yahoo.example cannot be delivered. This mailbox is disabled (554.30).", "end of DATA", None, "suspend", reply_code="554")
postfix("yahoo", 4, "gd@yahoo.example", "mta7.am0.yahoodns.net", "552 1 Requested mail action aborted, mailbox not found", "RCPT TO", None, "userunknown", reply_code="552")
postfix("yahoo", 5, "ge@yahoo.example", "mta7.am0.yahoodns.net", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.25, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes", "CONNECT", "5.7.1", "blocked")
postfix("aol", 1, "ha@aol.example", "mx-aol.mail.gm0.yahoodns.net", "550 5.1.1 <ha@aol.example>: Recipient address rejected: aol.example", "RCPT TO", "5.1.1", "userunknown")
postfix("aol", 2, "hb@aol.example", "mx-aol.mail.gm0.yahoodns.net", "554 5.7.1 (RTR:BB) The IP address you are using to connect to AOL is a dynamic (residential) IP address", "CONNECT", "5.7.1", "blocked")

# ---------- Amazon SES (DSN)
def ses(n, rcpt, status, diag, reason, action="failed", field=None):
    # field: the Status field when it differs from the code a reader should report (a generic x.0.0).
    human = "An error occurred while trying to deliver the mail to the following recipients:\n" + rcpt
    add("amazonses", n, dsn("amazonses", n, "a27-1.smtp-out.us-west-2.amazonses.com", human,
        [dict(rcpt=rcpt, action=action, status=field or status, diag=f"smtp; {diag}", rmta="mx.example.com")],
        subject="Delivery Status Notification (Failure)", sender_from="MAILER-DAEMON@amazonses.com"),
        [exp(rcpt, reason, status, action, diag[:3])])

ses(1, "ia@example.com", "5.1.1", "550 5.1.1 user unknown", "userunknown")
ses(2, "ib@example.com", "5.2.2", "552 5.2.2 Mailbox full", "mailboxfull")
ses(3, "ic@contoso.example", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied", "userunknown")
ses(4, "id@example.com", "5.7.1", "550 5.7.1 Service unavailable, Client host [192.0.2.25] blocked using Spamhaus", "blocked", field="5.0.0")

# ---------- SendGrid (text)
def sendgrid(n, rcpt, reply, reason, status):
    body = f"""This is an automatically generated message from SendGrid.

I'm sorry to have to tell you that your message was not able to be
delivered to one of its intended recipients.

If you require assistance with this, please contact SendGrid support.

{rcpt}: host mx.example.com[192.0.2.50] said: {reply}
"""
    add("sendgrid", n, text_bounce("sendgrid", n, "sendgrid.net", "Undelivered Mail Returned to Sender", body, rcpt),
        [exp(rcpt, reason, status, reply=reply[:3])])

sendgrid(1, "ja@example.com", "550 5.1.1 The email account that you tried to reach does not exist.", "userunknown", "5.1.1")
sendgrid(2, "jb@example.com", "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using b.barracudacentral.org", "blocked", "5.7.1")

# ---------- MDaemon (text with its own transcript markers)
def mdaemon(n, rcpt, reply, reason, status, cmd):
    body = f"""The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.

YOU DO NOT NEED TO RESEND YOUR MESSAGE.

--- Session Transcript ---
 Mon 2026-01-05 09:00:01: Parsing message <orig>
 Mon 2026-01-05 09:00:01: *  From: {SENDER}
 Mon 2026-01-05 09:00:01: *  To: {rcpt}
 Mon 2026-01-05 09:00:02: Attempting SMTP connection to [mx.example.com]
 Mon 2026-01-05 09:00:02: Connected to [192.0.2.60:25]
 Mon 2026-01-05 09:00:02: --> {cmd}
 Mon 2026-01-05 09:00:02: <-- {reply}
--- End Transcript ---
"""
    add("mdaemon", n, text_bounce("mdaemon", n, "mail.kakunin.example", "Permanent Delivery Failure", body, rcpt),
        [exp(rcpt, reason, status, reply=reply[:3])])

mdaemon(1, "ka@example.com", "550 5.1.1 <ka@example.com>: Recipient address rejected: User unknown", "userunknown", "5.1.1", "RCPT To:<ka@example.com>")
mdaemon(2, "kb@example.com", "552 5.2.2 <kb@example.com>: Mailbox full", "mailboxfull", "5.2.2", "RCPT To:<kb@example.com>")

# ---------- Domino / GroupWise (text)
def domino(n, rcpt, because, reason):
    body = f"""Your message

  Subject: Quarterly report

was not delivered to:

  {rcpt}

because:

  {because}
"""
    add("domino", n, text_bounce("domino", n, "notes.kakunin.example", "DELIVERY FAILURE: " + because[:40], body, rcpt), [exp(rcpt, reason, None)])

domino(1, "la@example.com", "User la@example.com (la@example.com) not listed in Domino Directory", "userunknown")
domino(2, "lb@example.com", "Insufficient system resources: recipient's mail file is full", "mailboxfull")

def groupwise(n, rcpt, note, reason):
    body = f"""The message that you sent was undeliverable to the following:
\t{rcpt} ({note})

Possibly truncated original message follows:
"""
    add("groupwise", n, text_bounce("groupwise", n, "gw.kakunin.example", "Message status - undeliverable", body, rcpt), [exp(rcpt, reason, None)])

groupwise(1, "ma@example.com", "user not found", "userunknown")
groupwise(2, "mb@example.com", "mailbox is full", "mailboxfull")

# ---------- Zimbra (Postfix in front of LMTP)
postfix("zimbra", 1, "na@example.com", "mail.example.com", "550 5.1.1 <na@example.com>: Recipient address rejected: example.com", "RCPT TO", "5.1.1", "userunknown")
postfix("zimbra", 2, "nb@example.com", "mail.example.com", "552 5.2.2 <nb@example.com> Over quota", "end of DATA", "5.2.2", "mailboxfull")

# ---------- Japanese mobile carriers
postfix("docomo", 1, "oa@docomo.example", "mfsmax.docomo.ne.jp", "550 Unknown user oa@docomo.example", "end of DATA", None, "filtered", reply_code="550")
postfix("docomo", 2, "ob@docomo.example", "mfsmax.docomo.ne.jp", "550 Unknown user ob@docomo.example", "RCPT TO", None, "userunknown", reply_code="550")
postfix("au", 1, "pa@ezweb.example", "lsean.ezweb.ne.jp", "550 <pa@ezweb.example>: User unknown", "end of DATA", None, "filtered", reply_code="550")
postfix("au", 2, "pb@ezweb.example", "lsean.ezweb.ne.jp", "552 <pb@ezweb.example>: The user(s) account is temporarily over quota", "RCPT TO", None, "mailboxfull", reply_code="552")
postfix("softbank", 1, "qa@softbank.example", "mx.softbank.ne.jp", "550 Invalid recipient: <qa@softbank.example>", "RCPT TO", None, "userunknown", reply_code="550")
postfix("softbank", 2, "qb@softbank.example", "mx.softbank.ne.jp", "550 Invalid recipient: <qb@softbank.example>", "end of DATA", None, "filtered", reply_code="550")

# ---------- Mailing-list managers
add("lists", 1, text_bounce("lists", 1, "googlegroups.com", "Address not found", """Hello sender@kakunin.example,

We're writing to let you know that the group you tried to contact (team) may not exist, or you may not have permission to post messages to the group. A few more details on why you weren't able to post:

 * You might have spelled or formatted the group name incorrectly.
 * The owner of the group may have removed this group.
 * You may need to join the group before receiving permission to post.
""", "team@googlegroups.example", "X-Failed-Recipients: team@googlegroups.example\n"),
    [exp("team@googlegroups.example", "rejected", None)])
add("lists", 2, text_bounce("lists", 2, "lists.example.org", "Message distribution rejected", """Your message for list team@lists.example.org has been rejected.

Reason: the list only accepts messages from its subscribers; your address
sender@kakunin.example is not subscribed, so you are not allowed to send to this list.
""", "team@lists.example.org", "X-Failed-Recipients: team@lists.example.org\n"),
    [exp("team@lists.example.org", "rejected", None)])

# ---------- Providers with their own codes
postfix("godaddy", 1, "ra@secureserver.example", "smtp.secureserver.net", "552 5.2.0 This message has been rejected due to content judged to be spam by the internet community IB212", "end of DATA", "5.2.0", "spamdetected")
postfix("godaddy", 2, "rb@secureserver.example", "smtp.secureserver.net", "554 p3plibsmtp01.prod.phx3.secureserver.net bizsmtp IB103 Connection refused. 192.0.2.25 has a poor reputation on Cloudmark Sender Intelligence (CSI)", "CONNECT", None, "blocked", reply_code="554")
postfix("orange", 1, "sa@orange.example", "smtp-in.orange.fr", "550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]", "end of DATA", "5.7.1", "spamdetected")
postfix("orange", 2, "sb@orange.example", "smtp-in.orange.fr", "421 4.7.0 Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR004_104 [104]", "CONNECT", "4.7.0", "toomanyconn")
postfix("laposte", 1, "ta@laposte.example", "smtp-in.laposte.net", "554 5.7.1 Service refuse / Service refused. LPN007_517", "end of DATA", "5.7.1", "authfailure")
postfix("mimecast", 1, "ua@mimecast.example", "eu-smtp-inbound-1.mimecast.com", "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550", "RCPT TO", None, "userunknown", reply_code="550")
postfix("mimecast", 2, "ub@mimecast.example", "eu-smtp-inbound-1.mimecast.com", "554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554", "end of DATA", None, "policyviolation", reply_code="554")
postfix("proofpoint", 1, "va@pphosted.example", "mx0a-001.pphosted.com", "554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.25", "CONNECT", None, "blocked", reply_code="554")
postfix("proofpoint", 2, "vb@pphosted.example", "mx0a-001.pphosted.com", "550 5.1.1 User Unknown", "RCPT TO", "5.1.1", "userunknown")
postfix("barracuda", 1, "wa@barracuda.example", "d1.barracudanetworks.example", "554 Service unavailable; Client host [192.0.2.25] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.25", "RCPT TO", None, "blocked", reply_code="554")
postfix("zoho", 1, "xa@zoho.example", "mx.zoho.com", "550 5.1.1 User does not exist - <xa@zoho.example>", "RCPT TO", "5.1.1", "userunknown")
postfix("tencent", 1, "ya@qq.example", "mx3.qq.com", "550 Mailbox not found. http://service.exmail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728", "RCPT TO", None, "userunknown", reply_code="550")
postfix("tencent", 2, "yb@qq.example", "mx3.qq.com", "550 Mail content denied. http://service.exmail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726", "end of DATA", None, "spamdetected", reply_code="550")

# ---------- RFC examples
add("rfc3464", 1, dsn("rfc3464", 1, "cs.utk.example", "This is a delivery status notification: your message could not be delivered.",
    [dict(rcpt="louisa@h.example", action="failed", status="5.0.0", diag="smtp; 550 user unknown", rmta="h.example")]),
    [exp("louisa@h.example", "userunknown", None, reply="550")])
add("rfc3464", 2, dsn("rfc3464", 2, "cs.utk.example", "Your message has not yet been delivered; the mail system will keep trying.",
    [dict(rcpt="joe@x.example", action="delayed", status="4.0.0", diag="smtp; 426 connection timed out", rmta="x.example")], subject="Delivery delayed"),
    [exp("joe@x.example", "expired", "4.0.0", action="delayed", reply="426")])
add("rfc3464", 3, dsn("rfc3464", 3, "cs.utk.example", "Your message was delivered to the following recipient.",
    [dict(rcpt="ok@x.example", action="delivered", status="2.0.0", diag="smtp; 250 OK", rmta="x.example")], subject="Delivery report"),
    [exp("ok@x.example", "delivered", "2.0.0", action="delivered", reply="250", hard=False)])
add("rfc3464", 4, dsn("rfc3464", 4, "cs.utk.example", "Delivery to the following recipients failed.",
    [dict(rcpt="one@x.example", action="failed", status="5.1.1", diag="smtp; 550 5.1.1 user unknown", rmta="x.example"),
     dict(rcpt="two@x.example", action="failed", status="5.2.2", diag="smtp; 552 5.2.2 mailbox over quota", rmta="x.example")]),
    [exp("one@x.example", "userunknown", "5.1.1", reply="550"), exp("two@x.example", "mailboxfull", "5.2.2", reply="552", index=2)])
add("rfc3464", 5, dsn("rfc3464", 5, "cs.utk.example", "Delivery to the following recipient failed.",
    [dict(rcpt="three@x.example", action="failed", status="5.0.0", diag="smtp; 550 5.1.2 Host unknown", rmta="x.example")]),
    [exp("three@x.example", "hostunknown", "5.1.2", reply="550")])

add("rfc5965", 1, """From: <abusedesk@example.com>
Date: Thu, 8 Mar 2026 14:00:00 EDT
Subject: FW: Earn money
To: <abuse@kakunin.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="part1_13d.2e68ed54_boundary"

--part1_13d.2e68ed54_boundary
Content-Type: text/plain; charset="US-ASCII"

This is an email abuse report for an email message received from IP
192.0.2.25 on Thu, 8 Mar 2026 14:00:00 EDT.

--part1_13d.2e68ed54_boundary
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <sender@kakunin.example>
Original-Rcpt-To: <user@example.com>
Arrival-Date: Thu, 8 Mar 2026 14:00:00 EDT
Source-IP: 192.0.2.25

--part1_13d.2e68ed54_boundary
Content-Type: message/rfc822

From: <sender@kakunin.example>
To: <user@example.com>
Subject: Earn money
Date: Thu, 8 Mar 2026 13:00:00 EDT
Message-ID: <8787KJKJ3K4J3K4J3K4J3.mail@kakunin.example>

Spam spam spam
--part1_13d.2e68ed54_boundary--
""", [exp("user@example.com", "feedback", None, action=None, hard=False, ftype="abuse")])

add("rfc3834", 1, f"""From: Alice <alice@example.com>
To: {SENDER}
Subject: Auto: Quarterly report
Date: Mon, 05 Jan 2026 09:05:00 +0000
Message-ID: <auto-1@example.com>
In-Reply-To: <orig-1@kakunin.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

I am out of the office until 12 January with no access to mail.
""", [exp(SENDER, "vacation", None, action=None, hard=False)])

formats.register(add, exp, original, SENDER)
for _k, _v in formats.SOURCES.items():
    SOURCES[_k] = SOURCES[_k] + "; " + _v if _k in SOURCES else _v

formats2.register(add, exp, original, SENDER, formats.text_message)
for _k, _v in formats2.SOURCES.items():
    SOURCES[_k] = SOURCES[_k] + "; " + _v if _k in SOURCES else _v

formats3.register(add, exp, dsn, formats.text_message)
for _k, _v in formats3.SOURCES.items():
    SOURCES[_k] = SOURCES[_k] + "; " + _v if _k in SOURCES else _v

def main():
    with open(os.path.join(HERE, "expectations.jsonl"), "w") as out:
        for name, message, expectations in cases:
            with open(os.path.join(HERE, name), "w", newline="\r\n") as f:
                f.write(message)
            for e in expectations:
                out.write(json.dumps({"file": name, **e}) + "\n")
    fams = sorted({n.rsplit('-', 1)[0] for n, _, _ in cases})
    print(f"{len(cases)} messages, {len(fams)} families: {' '.join(fams)}")

if __name__ == "__main__":
    main()
