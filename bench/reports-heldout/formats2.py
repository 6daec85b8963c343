"""A second batch of plain-text format cases (issue 12 item 3), written after the recognisers and scored
without changing them: the recognisers' own held-out. Same sources as formats.py; new layouts of them
(more recipients, mixed stages, Mailman 2 with only its header naming the list, qmail's queue expiry)."""

SOURCES = {
    "qmail": "qmail-send.c (queue lifetime message), qmail-remote.c (sender rejected)",
    "exim": "Exim deliver.c (router failure beside a remote refusal; delay warning for several addresses)",
    "sendmail": "sendmail savemail.c (several recipients, one transcript)",
    "courier": "courierdsn (three recipients)",
    "mailman": "GNU Mailman 2.1 templates (postheld.txt) and its X-List-Administrivia header",
    "domino": "HCL Domino Delivery Failure Report (several recipients)",
    "groupwise": "GroupWise Internet Agent undeliverable notice (remote reply in the parenthesis)",
    "exchange2003": "Exchange 2003 NDR (relay refusal from the remote server)",
}


def register(add, exp, original, SENDER, text_message):
    QHEAD = """Hi. This is the qmail-send program at mx2.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

"""
    add("qmail", 18, text_message("qmail", 18, "MAILER-DAEMON@mx2.example.net", "failure notice", QHEAD + """<qb1@example.org>:
Connected to 192.0.2.35 but sender was rejected.
Remote host said: 553 5.1.8 <sender@kakunin.example>: Sender address rejected: Domain not found

<qb2@example.org>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.
""", "qb1@example.org"), [exp("qb1@example.org", "rejected", "5.1.8", reply="553"), exp("qb2@example.org", "userunknown", "5.1.1", index=2)])
    add("qmail", 19, text_message("qmail", 19, "MAILER-DAEMON@mx2.example.net", "failure notice", """Hi. This is the qmail-send program at mx2.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<qb3@example.org>:
I'm not going to try again; this message has been in the queue too long.

--- Below this line is a copy of the message.
""", "qb3@example.org"), [exp("qb3@example.org", "expired", None)])

    EHEAD = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

"""
    add("exim", 18, text_message("exim", 18, "Mail Delivery System <Mailer-Daemon@mail2.example.com>", "Mail delivery failed: returning message to sender", EHEAD + """  eb1@nosuch.example
    Unrouteable address
  eb2@example.com
    host mx.example.com [192.0.2.23]
    SMTP error from remote mail server after RCPT TO:<eb2@example.com>:
    552 5.2.2 <eb2@example.com>: Mailbox full

------ This is a copy of the message, including all the headers. ------
""", "eb1@nosuch.example"), [exp("eb1@nosuch.example", "hostunknown", None), exp("eb2@example.com", "mailboxfull", "5.2.2", reply="552", index=2)])
    add("exim", 19, text_message("exim", 19, "Mail Delivery System <Mailer-Daemon@mail2.example.com>", "Warning: message 1vXyZw-000456-AB delayed 24 hours", """This message was created automatically by mail delivery software.

A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mail2.example.com.

The message identifier is:     1vXyZw-000456-AB
The subject of the message is: Quarterly report

The addresses to which the message has not yet been delivered are:

  eb3@example.com
    Delay reason: SMTP error from remote mail server after RCPT TO:<eb3@example.com>:
    host mx.example.com [192.0.2.23]: 452 4.2.2 <eb3@example.com>: Mailbox full
  eb4@example.org
    retry time not reached for any host after a long failure period

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
""", "eb3@example.com"), [exp("eb3@example.com", "mailboxfull", "4.2.2", action="delayed", reply="452"), exp("eb4@example.org", "expired", None, action="delayed", index=2)])

    add("sendmail", 14, text_message("sendmail", 14, "Mail Delivery Subsystem <MAILER-DAEMON@mail2.example.org>", "Returned mail: see transcript for details", """The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
<sb1@example.org>
<sb2@example.org>
<sb3@example.org>

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> RCPT To:<sb1@example.org>
<<< 550 5.2.1 <sb1@example.org>... Mailbox disabled
550 5.2.1 <sb1@example.org>... Mailbox disabled
>>> RCPT To:<sb2@example.org>
<<< 550 5.1.1 <sb2@example.org>... User unknown
550 5.1.1 <sb2@example.org>... User unknown
>>> RCPT To:<sb3@example.org>
<<< 552 5.2.2 <sb3@example.org>... Mailbox full
552 5.2.2 <sb3@example.org>... Mailbox full

   ----- Original message follows -----
""", "sb1@example.org"), [exp("sb1@example.org", "suspend", "5.2.1", reply="550"), exp("sb2@example.org", "userunknown", "5.1.1", reply="550", index=2),
                         exp("sb3@example.org", "mailboxfull", "5.2.2", reply="552", index=3)])

    add("courier", 8, text_message("courier", 8, "Courier mail server at mail2.example.org <@>", "NOTICE: mail delivery status.", """This is a delivery status notification from mail2.example.org,
running the Courier mail server, version 1.1.

                           UNDELIVERABLE MAIL

Your message to the following recipients cannot be delivered:

<cb1@example.org>:
    mx.example.org [192.0.2.42]:
>>> RCPT TO:<cb1@example.org>
<<< 550 5.1.1 <cb1@example.org>: user unknown

<cb2@example.org>:
    mx.example.org [192.0.2.42]:
>>> DATA
<<< 554 5.7.1 Message rejected: virus found in attachment

<cb3@example.org>:
    mx.example.org [192.0.2.42]:
>>> RCPT TO:<cb3@example.org>
<<< 552 5.2.2 <cb3@example.org>: mailbox full
""", "cb1@example.org"), [exp("cb1@example.org", "userunknown", "5.1.1", reply="550"), exp("cb2@example.org", "virusdetected", "5.7.1", reply="554", index=2),
                         exp("cb3@example.org", "mailboxfull", "5.2.2", reply="552", index=3)])

    add("mailman", 3, text_message("mailman", 3, "team-bounces@lists.example.org", "Your message to Team awaits moderator approval", """Your mail to 'Team' with the subject

    Quarterly report

Is being held until the list moderator can review it for approval.

The reason it is being held:

    Post by non-member to a members-only list

Either the message will get posted to the list, or you will receive
notification of the moderator's decision.
""", None, headers="X-List-Administrivia: yes\nList-Id: Team <team.lists.example.org>\n", attach=False),
        [exp("team@lists.example.org", "onhold", None, action="delayed")])

    add("domino", 6, text_message("domino", 6, "Postmaster@notes2.example.com", "DELIVERY FAILURE: Quarterly report", """Your message

  Subject: Quarterly report

was not delivered to:

  db1@example.com
  db2@example.com

because:

  Insufficient system resources: recipient's mail file is full
""", "db1@example.com"), [exp("db1@example.com", "mailboxfull", None), exp("db2@example.com", "mailboxfull", None, index=2)])

    add("groupwise", 5, text_message("groupwise", 5, "Postmaster@gw2.example.com", "Message status - undeliverable", """The message that you sent was undeliverable to the following:
\tgb1@example.com (550 5.1.1 <gb1@example.com>: Recipient address rejected: User unknown)

Possibly truncated original message follows:
""", None, attach=False), [exp("gb1@example.com", "userunknown", "5.1.1", reply="550")])

    add("exchange2003", 4, text_message("exchange2003", 4, "System Administrator <postmaster@ex2.example.com>", "Undeliverable: Quarterly report", """Your message did not reach some or all of the intended recipients.

      Subject:\tQuarterly report
      Sent:\t1/5/2026 9:00 AM

The following recipient(s) could not be reached:

      xb1@example.org on 1/5/2026 9:01 AM
            You do not have permission to send to this recipient.  For assistance, contact your system administrator.
            <ex2.example.com #5.7.1 smtp;550 5.7.1 <xb1@example.org>... Relaying denied>
""", "xb1@example.org"), [exp("xb1@example.org", "norelaying", "5.7.1", reply="550")])
