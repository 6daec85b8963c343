namespace Kakunin.Mail.Compose;

/// <summary>What the person filled in on the compose form.</summary>
/// <param name="To">Addresses as typed: comma or semicolon separated, with or without display names.</param>
/// <param name="Bcc">Recipients that get the message but are written in no header field (RFC 5322 §3.6.3).</param>
/// <param name="RequestDeliveryReceipt">Ask every hop for a DSN on success as well (NOTIFY=SUCCESS,FAILURE,DELAY).</param>
/// <param name="RequestReadReceipt">Add Disposition-Notification-To (RFC 8098 §2.1).</param>
/// <param name="InReplyTo">The Message-ID answered, without angle brackets.</param>
/// <param name="References">The thread's Message-IDs, oldest first, without angle brackets.</param>
/// <param name="HtmlBody">An HTML version (the API's "html"): with a text body the two go as multipart/alternative (RFC 2046 §5.1.4).</param>
public sealed record ComposeRequest(
    string To,
    string Cc,
    string Bcc,
    string Subject,
    string Body,
    bool RequestDeliveryReceipt,
    bool RequestReadReceipt,
    IReadOnlyList<Attachment>? Attachments = null,
    string? InReplyTo = null,
    IReadOnlyList<string>? References = null,
    string? HtmlBody = null);
