using MimeKit;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// A composed DSN with the envelope to send it with. The reverse-path is always null: RFC 3461 §6.1
/// and RFC 5321 §4.5.5 require a DSN to be sent with <c>MAIL FROM:&lt;&gt;</c>, so that a failure to
/// deliver the DSN never produces another one.
/// </summary>
/// <param name="Message">The multipart/report message.</param>
/// <param name="Recipient">The envelope recipient: the reverse-path of the original message.</param>
public sealed record DsnOutgoing(MimeMessage Message, string Recipient)
{
    /// <summary>The reverse-path for MAIL FROM: always empty, i.e. <c>&lt;&gt;</c>.</summary>
    public string ReversePath { get; } = string.Empty;

    /// <summary>
    /// Always false: send the DSN without NOTIFY (or with NOTIFY=NEVER); a DSN never asks for a DSN
    /// (RFC 3461 §6.1).
    /// </summary>
    public bool RequestDsn { get; }
}
