namespace Kakunin.IntegrationTests;

/// <summary>
/// A read receipt as a mail client writes one when its reader opens a message (RFC 8098 §3: multipart/report with a
/// human part and a message/disposition-notification part, "manual-action/MDN-sent-manually; displayed"), sent by the
/// tests over SMTP from the null reverse-path.
/// </summary>
internal static class DisplayedReceipt
{
    /// <summary>The receipt <paramref name="reader"/> sends <paramref name="sender"/> for the message with <paramref name="originalMessageId"/> (without brackets).</summary>
    /// <param name="disposition">The Disposition field (RFC 8098 §3.2.6); an older client may still write RFC 3798's "denied".</param>
    public static string Compose(
        string reader, string sender, string? subject, string? originalMessageId, string domain = "example.test", string reportingUa = "Example Mail Client",
        string disposition = "manual-action/MDN-sent-manually; displayed") => $"""
        From: {reader}
        To: {sender}
        Subject: Read: {subject}
        Message-ID: <{Guid.NewGuid():N}@{domain}>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=disposition-notification; boundary="mb"

        --mb
        Content-Type: text/plain

        Your message was displayed.

        --mb
        Content-Type: message/disposition-notification

        Reporting-UA: {reportingUa}
        Final-Recipient: rfc822;{reader}
        Original-Message-ID: <{originalMessageId}>
        Disposition: {disposition}

        --mb--
        """;
}
