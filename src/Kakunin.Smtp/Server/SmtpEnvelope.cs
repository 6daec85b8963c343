using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>The accepted MAIL command and the recipients the backend accepted, with every DSN parameter as received.</summary>
public sealed record SmtpEnvelope(MailFromCommand MailFrom, IReadOnlyList<RcptToCommand> Recipients);
