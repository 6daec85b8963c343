using Kakunin.Protocol;

namespace Kakunin.Store;

/// <summary>A recipient to queue, with its DSN parameters exactly as received.</summary>
/// <param name="Notify">NOTIFY (RFC 3461 §4.1); null when the client gave none.</param>
/// <param name="OriginalRecipientParameter">The raw ORCPT value, forwarded unchanged (RFC 3461 §4.2).</param>
/// <param name="OriginalRecipient">ORCPT decoded, for Original-Recipient in DSNs (RFC 3464 §2.3.1).</param>
public sealed record NewQueueRecipient(string Address, DsnNotify? Notify = null, string? OriginalRecipientParameter = null, TypedAddress? OriginalRecipient = null);
