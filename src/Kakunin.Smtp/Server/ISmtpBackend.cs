using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>
/// What the SMTP server asks of the rest of the system. The server owns the protocol (syntax,
/// sequence, limits, TLS, the DATA/BDAT byte stream); the backend owns policy (who may send to
/// whom, who is a user) and durability. Implemented by the queue; by fakes in protocol tests.
/// </summary>
public interface ISmtpBackend
{
    /// <summary>
    /// Checks a user name and password from AUTH PLAIN or LOGIN sent on <paramref name="session"/> (its client
    /// address is what a throttle counts). Accepted with the canonical user name, wrong (535 5.7.8), or refused
    /// for now without a check after too many failures (454 4.7.0, RFC 4954 §6). A wrong answer may come late:
    /// the backend may wait before answering failures.
    /// </summary>
    ValueTask<SmtpAuthResult> AuthenticateAsync(SmtpSessionInfo session, string userName, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Policy check of MAIL FROM after the server has validated its syntax. Null accepts; otherwise the
    /// reply to send (e.g. 553 5.7.1 when an authenticated user sends as someone else).
    /// </summary>
    ValueTask<SmtpReply?> CheckSenderAsync(SmtpSessionInfo session, MailFromCommand mailFrom, CancellationToken cancellationToken);

    /// <summary>
    /// Policy check of one RCPT TO: unknown local user (550 5.1.1), relay not allowed (550 5.7.1 or
    /// 554 5.7.1), and so on. Null accepts. Called once per RCPT, in order.
    /// </summary>
    ValueTask<SmtpReply?> CheckRecipientAsync(SmtpSessionInfo session, MailFromCommand mailFrom, RcptToCommand recipient, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a complete message. <paramref name="content"/> is the message as received (dot-unstuffed,
    /// CRLF line ends only: bare CR/LF and NUL were refused), with the server's Received header already at
    /// the top; it is seekable, at position 0, and its length is known. It is the server's spool file
    /// (<see cref="MessageSpool"/>), not memory, and it is not durable: it is deleted when this call returns,
    /// so the backend copies what it keeps. While the call runs the message's length is counted against
    /// <see cref="SmtpServerOptions.MaxMessageMemory"/>, so reading it into one array is within budget.
    /// The reply is sent as is: a 250 MUST mean the message, its recipients and their DSN parameters are
    /// on stable storage (fsync) — RFC 5321 §6.1.
    /// </summary>
    ValueTask<SmtpReply> AcceptMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, Stream content, CancellationToken cancellationToken);
}
