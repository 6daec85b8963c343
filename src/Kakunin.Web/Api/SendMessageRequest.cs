namespace Kakunin.Web.Api;

/// <summary>The body of <c>POST /api/v1/messages</c> (docs/api.md).</summary>
/// <param name="From">The token's user or one of their aliases; the name is optional.</param>
/// <param name="Text">The plain text body; with <paramref name="Html"/> the two go as multipart/alternative.</param>
/// <param name="DeliveryReceipt">The DSN request of every recipient (RFC 3461); absent: failures only, as the remote's default.</param>
/// <param name="ReadReceipt">Ask for a read receipt (Disposition-Notification-To, RFC 8098 §2.1).</param>
public sealed record SendMessageRequest(
    ApiAddress From,
    IReadOnlyList<ApiAddress>? To = null,
    IReadOnlyList<ApiAddress>? Cc = null,
    IReadOnlyList<ApiAddress>? Bcc = null,
    string? Subject = null,
    string? Text = null,
    string? Html = null,
    IReadOnlyList<ApiAttachment>? Attachments = null,
    DeliveryReceiptRequest? DeliveryReceipt = null,
    bool ReadReceipt = false);

/// <summary>An address with an optional display name.</summary>
public sealed record ApiAddress(string Address, string? Name = null);

/// <summary>A file to attach: its name, MIME type and content in base64 (RFC 4648 §4).</summary>
public sealed record ApiAttachment(string Filename, string Content, string? ContentType = null);

/// <summary>The delivery status notification request (RFC 3461).</summary>
/// <param name="Notify">NOTIFY (§4.1): "NEVER" alone, or any of "SUCCESS", "FAILURE", "DELAY".</param>
/// <param name="Ret">RET (§4.3): "HDRS" (the default: headers only come back) or "FULL".</param>
/// <param name="Envid">ENVID (§4.4): your own id for this message, returned in every DSN; printable ASCII, at most 100 characters. Default: one is made.</param>
public sealed record DeliveryReceiptRequest(IReadOnlyList<string>? Notify = null, string? Ret = null, string? Envid = null);
