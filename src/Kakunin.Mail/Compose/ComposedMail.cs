using MimeKit;

namespace Kakunin.Mail.Compose;

/// <summary>A message ready to queue: the bytes (CRLF), the envelope and the ids tracking will match reports on.</summary>
/// <param name="EnvelopeId">ENVID (RFC 3461 §4.4): comes back in every DSN as Original-Envelope-Id.</param>
/// <param name="MessageId">The Message-ID without angle brackets: comes back in MDNs as Original-Message-ID.</param>
public sealed record ComposedMail(MimeMessage Message, byte[] Content, string EnvelopeId, string MessageId, IReadOnlyList<EnvelopeRecipient> Recipients);
