using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// One recipient to hand to the next hop. <see cref="Notify"/> and <see cref="OriginalRecipientParameter"/>
/// are the RCPT parameters exactly as they were received (RFC 3461 §4: a relay passes them on unchanged);
/// null means the client gave none, and none is sent.
/// </summary>
public sealed record OutboundRecipient(string Address, DsnNotify? Notify = null, string? OriginalRecipientParameter = null);
