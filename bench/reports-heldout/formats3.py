"""A third batch (issue 12, 2026-12-07, helper rspeed): reason decisions the earlier batches left open (a list's
x.7.2 refusal, a host not found, delayed and expired timeouts against temporary DNS failures) and a few provider
replies, each in a layout the earlier cases do not use. Written from the RFCs and vendors' documents named in
SOURCES and scored before any rule was changed for them (docs/benchmarks.md §5)."""

SOURCES = {
    "lists": "RFC 3463 x.7.2 (mailing list expansion prohibited: the sender may not post to the list), refused at RCPT",
    "ezmlm": "ezmlm-issubn / ezmlm-reject refusal through qmail-send's bounce (#5.7.2)",
    "groupwise": "GroupWise Internet Agent undeliverable notice (host not found)",
    "postfix": "Postfix bounce(8)/defer DSN: 'Host not found, try again' (temporary DNS) and a delay warning",
    "sendmail": "sendmail DSN delay warning ('Warning: could not send message for past 4 hours', Deferred: Connection timed out)",
    "exim": "Exim deliver.c: 'retry timeout exceeded' for an address given up after temporary failures",
    "courier": "courierdsn delay notice (connection timed out)",
    "exchange": "Microsoft Exchange Online NDR reference: 4.4.7 QUEUE.Expired, 5.4.1 Recipient address rejected: Access denied (DBEB)",
    "yahoo": "Yahoo Sender Hub SMTP error codes: 554 5.7.9 Message not accepted for policy reasons",
    "gmail": "Google Workspace SMTP error reference: 550 5.7.26 unauthenticated mail (DMARC policy)",
}


def register(add, exp, dsn, text_message):
    QHEAD = """Hi. This is the qmail-send program at lists2.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

"""
    human = lambda rcpt, said: f"""This is the mail system at host relay.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<{rcpt}>: {said}"""

    # A list server refusing a non-member's post at RCPT with x.7.2: the sender is refused (rejected), not a security error.
    add("lists", 3, dsn("lists", 3, "relay.example.com", human("crew@lists2.example.org",
        "host lists2.example.org[192.0.2.61] said: 550 5.7.2 <crew@lists2.example.org>: you are not allowed to post to this list (in reply to RCPT TO command)"),
        [dict(rcpt="crew@lists2.example.org", action="failed", status="5.7.2",
              diag="smtp; 550 5.7.2 <crew@lists2.example.org>: you are not allowed to post to this list", rmta="lists2.example.org")]),
        [exp("crew@lists2.example.org", "rejected", "5.7.2", reply="550")])

    add("ezmlm", 2, text_message("ezmlm", 2, "MAILER-DAEMON@lists2.example.org", "failure notice", QHEAD + """<board@lists2.example.org>:
This list accepts posts from its members only; the address you sent from is not one of them. (#5.7.2)

--- Below this line is a copy of the message.
""", "board@lists2.example.org"), [exp("board@lists2.example.org", "rejected", "5.7.2")])

    add("groupwise", 6, text_message("groupwise", 6, "Postmaster@gw3.example.com", "Message status - undeliverable", """The message that you sent was undeliverable to the following:
\tgw6@gone.example (host not found)

Possibly truncated original message follows:
""", "gw6@gone.example"), [exp("gw6@gone.example", "hostunknown", None)])

    # Postfix, delay warning: a temporary DNS failure stays a network error; a timeout while still retrying is expired.
    add("postfix", 18, dsn("postfix", 18, "relay.example.com", """This is the mail system at host relay.example.com.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

<pf15@flaky.example>: Host or domain name not found. Name service error for
    name=flaky.example type=MX: Host not found, try again""",
        [dict(rcpt="pf15@flaky.example", action="delayed", status="4.4.3",
              diag="X-Postfix; Host or domain name not found. Name service error for name=flaky.example type=MX: Host not found, try again")],
        subject="Delayed Mail (still being retried)"),
        [exp("pf15@flaky.example", "networkerror", "4.4.3", action="delayed")])
    add("postfix", 19, dsn("postfix", 19, "relay.example.com", """This is the mail system at host relay.example.com.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

<pf16@slow.example>: connect to mx.slow.example[192.0.2.62]:25: Connection timed out""",
        [dict(rcpt="pf16@slow.example", action="delayed", status="4.4.1",
              diag="X-Postfix; connect to mx.slow.example[192.0.2.62]:25: Connection timed out")],
        subject="Delayed Mail (still being retried)"),
        [exp("pf16@slow.example", "expired", "4.4.1", action="delayed")])

    add("sendmail", 15, dsn("sendmail", 15, "mail3.example.org", """The original message was received at Mon, 5 Jan 2026 09:00:00 GMT
from localhost [127.0.0.1]

   ----- Transcript of session follows -----
<sm15@slow.example>... Deferred: Connection timed out with mx.slow.example.
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old""",
        [dict(rcpt="sm15@slow.example", action="delayed", status="4.4.1", rmta="mx.slow.example")],
        subject="Warning: could not send message for past 4 hours"),
        [exp("sm15@slow.example", "expired", "4.4.1", action="delayed")])

    add("exim", 20, text_message("exim", 20, "Mail Delivery System <Mailer-Daemon@mail3.example.com>", "Mail delivery failed: returning message to sender", """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ex20@slow.example
    retry timeout exceeded

------ This is a copy of the message, including all the headers. ------
""", "ex20@slow.example"), [exp("ex20@slow.example", "expired", None)])

    add("courier", 9, dsn("courier", 9, "mail3.example.net", """This is a delivery status notification from mail3.example.net,
running the Courier mail server, version 1.1.

The original message was received on Mon, 05 Jan 2026 09:00:00 +0000
from localhost [127.0.0.1]

---------------------------------------------------------------------------

                              DELAYED MAIL

Your message to the following recipients has not yet been delivered.
Delivery will be attempted again later.

<co9@slow.example>:
    mx.slow.example [192.0.2.63]:
    Connection timed out""",
        [dict(rcpt="co9@slow.example", action="delayed", status="4.4.1", rmta="mx.slow.example")],
        subject="DELAYED MAIL: delivery has not yet been completed"),
        [exp("co9@slow.example", "expired", "4.4.1", action="delayed")])

    add("exchange", 10, dsn("exchange", 10, "EXCH3.corp.example", """Delivery has failed to these recipients or groups:

xe8@slow.example
The message couldn't be delivered in the time allowed. The destination server didn't respond.

Diagnostic information for administrators:

Generating server: EXCH3.corp.example

xe8@slow.example
Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'""",
        [dict(rcpt="xe8@slow.example", action="failed", status="4.4.7", diag="smtp; 550 4.4.7 QUEUE.Expired; message expired")],
        subject="Undeliverable: Quarterly report"),
        [exp("xe8@slow.example", "expired", "4.4.7", reply="550")])
    add("exchange", 11, dsn("exchange", 11, "BN8PR01MB0001.namprd01.prod.outlook.com", """Delivery has failed to these recipients or groups:

xe9@contoso.example
The email address you entered couldn't be found.

Diagnostic information for administrators:

Remote Server returned '550 5.4.1 Recipient address rejected: Access denied. [BN8NAM01FT001.eop-nam01.prod.protection.outlook.com]'""",
        [dict(rcpt="xe9@contoso.example", action="failed", status="5.4.1",
              diag="smtp; 550 5.4.1 Recipient address rejected: Access denied. [BN8NAM01FT001.eop-nam01.prod.protection.outlook.com]",
              rmta="contoso-example.mail.protection.outlook.com")],
        subject="Undeliverable: Quarterly report"),
        [exp("xe9@contoso.example", "userunknown", "5.4.1", reply="550", hard=True)])

    add("yahoo", 9, dsn("yahoo", 9, "relay.example.com", human("yh3@yahoo.example",
        "host mta7.am0.yahoodns.net[192.0.2.64] said: 554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes (in reply to end of DATA command)"),
        [dict(rcpt="yh3@yahoo.example", action="failed", status="5.7.9",
              diag="smtp; 554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes", rmta="mta7.am0.yahoodns.net")]),
        [exp("yh3@yahoo.example", "policyviolation", "5.7.9", reply="554")])

    add("gmail", 9, dsn("gmail", 9, "relay.example.com", human("gm3@gmail.example",
        "host gmail-smtp-in.l.google.com[192.0.2.65] said: 550-5.7.26 Unauthenticated email from kakunin.example is not accepted due to domain's 550-5.7.26 DMARC policy. 550 5.7.26 Please contact the administrator of kakunin.example domain. (in reply to end of DATA command)"),
        [dict(rcpt="gm3@gmail.example", action="failed", status="5.7.26",
              diag="smtp; 550-5.7.26 Unauthenticated email from kakunin.example is not accepted due to domain's DMARC policy", rmta="gmail-smtp-in.l.google.com")]),
        [exp("gm3@gmail.example", "authfailure", "5.7.26", reply="550")])
