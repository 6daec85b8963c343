using Kakunin.Protocol;

namespace Kakunin.Mail.Compose;

/// <summary>One RCPT of the envelope with its DSN parameters (RFC 3461 §4.1, §4.2).</summary>
public sealed record EnvelopeRecipient(string Address, DsnNotify? Notify, TypedAddress OriginalRecipient);
