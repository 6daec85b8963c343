namespace Kakunin.Protocol;

/// <summary>A parsed <c>RCPT TO:&lt;path&gt; [parameters]</c> (RFC 5321 §4.1.1.3) with its DSN parameters.</summary>
/// <param name="ForwardPath">The recipient.</param>
/// <param name="Notify">NOTIFY= (RFC 3461 §4.1); null when absent.</param>
/// <param name="OriginalRecipient">ORCPT= decoded (RFC 3461 §4.2).</param>
/// <param name="OriginalRecipientParameter">The ORCPT value exactly as received, to forward unchanged to a DSN-capable next hop (RFC 3461 §4.2).</param>
public sealed record RcptToCommand(
    ForwardPath ForwardPath,
    DsnNotify? Notify = null,
    TypedAddress? OriginalRecipient = null,
    string? OriginalRecipientParameter = null);
