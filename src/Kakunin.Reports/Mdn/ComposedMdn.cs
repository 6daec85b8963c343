using MimeKit;

namespace Kakunin.Reports.Mdn;

/// <summary>A composed MDN: the message, the envelope to send it with, and the report it carries.</summary>
/// <param name="Message">The multipart/report message.</param>
/// <param name="Envelope">Null reverse-path, recipients from Disposition-Notification-To.</param>
/// <param name="Notification">The machine-readable content of the second part.</param>
public sealed record ComposedMdn(MimeMessage Message, MdnEnvelope Envelope, DispositionNotification Notification);
