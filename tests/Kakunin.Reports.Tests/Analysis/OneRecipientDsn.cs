namespace Kakunin.Reports.Tests.Analysis;

/// <summary>A Postfix-style DSN (RFC 3464) for one recipient, ken@example.jp, with the Action, Status and Diagnostic-Code given.</summary>
internal static class OneRecipientDsn
{
    public static string Compose(string action, string status, string diagnostic) => $"""
        From: MAILER-DAEMON@mx.example.jp (Mail Delivery System)
        To: alice@example.jp
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        The mail system could not deliver your message.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.jp

        Final-Recipient: rfc822; ken@example.jp
        Action: {action}
        Status: {status}
        Diagnostic-Code: {diagnostic}

        --b1--
        """;
}
