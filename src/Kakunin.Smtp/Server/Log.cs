using Microsoft.Extensions.Logging;

namespace Kakunin.Smtp.Server;

/// <summary>The server's structured log lines. Never logs AUTH lines or message content.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "SMTP session {SessionId} started from {RemoteAddress} on {Listener} (TLS: {IsTls})")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string? remoteAddress, ListenerKind listener, bool isTls);

    [LoggerMessage(2, LogLevel.Information, "SMTP session {SessionId} from {RemoteAddress} ended after {Seconds:0.0} s")]
    public static partial void SessionEnded(ILogger logger, string sessionId, string? remoteAddress, double seconds);

    // Debug (docs/logging.md): the queue's "accepted from" line says the same for every accepted message (queue id,
    // session id, recipients, size) and the session's start line the address; a sixth line per message cost CPU for nothing new.
    [LoggerMessage(3, LogLevel.Debug, "SMTP session {SessionId} from {RemoteAddress}: message accepted, queue id {QueueId}, {Recipients} recipient(s), {Length} octets")]
    public static partial void MessageAccepted(ILogger logger, string sessionId, string? remoteAddress, string? queueId, int recipients, long length);

    [LoggerMessage(4, LogLevel.Information, "SMTP session {SessionId}: message rejected with {Code}, {Length} octets")]
    public static partial void MessageRejected(ILogger logger, string sessionId, int code, long length);

    // Information, not Warning: the warning an operator (and fail2ban) acts on is PasswordSignIn's one line per
    // failure; this one only ties the failure to the session id.
    [LoggerMessage(5, LogLevel.Information, "SMTP session {SessionId}: authentication failed from {RemoteAddress}")]
    public static partial void AuthFailed(ILogger logger, string sessionId, string? remoteAddress);

    [LoggerMessage(6, LogLevel.Warning, "SMTP session {SessionId}: {Errors} errors, closing")]
    public static partial void TooManyErrors(ILogger logger, string sessionId, int errors);

    [LoggerMessage(7, LogLevel.Error, "SMTP session {SessionId}: backend failed")]
    public static partial void BackendFailed(ILogger logger, string sessionId, Exception exception);

    // Only for faults of our own: the stack trace is wanted. Client faults use the one-line messages below.
    [LoggerMessage(8, LogLevel.Warning, "SMTP session {SessionId}: connection failed")]
    public static partial void ConnectionFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "SMTP connection from {RemoteAddress} refused: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string? remoteAddress, string reason);

    [LoggerMessage(10, LogLevel.Warning, "SMTP session {SessionId}: {Event}")]
    public static partial void ProtocolEvent(ILogger logger, string sessionId, string @event);

    [LoggerMessage(11, LogLevel.Warning, "SMTP session {SessionId} from {RemoteAddress}: TLS handshake failed: {Reason}")]
    public static partial void TlsHandshakeFailed(ILogger logger, string sessionId, string? remoteAddress, string reason);

    [LoggerMessage(12, LogLevel.Information, "SMTP session {SessionId} from {RemoteAddress}: {Reason}, closing")]
    public static partial void ClientGone(ILogger logger, string sessionId, string? remoteAddress, string reason);

    [LoggerMessage(13, LogLevel.Information, "SMTP connection limit reached: closing the {Phase} session from {RemoteAddress}, idle {Seconds:0.0} s, for a new client")]
    public static partial void ConnectionEvicted(ILogger logger, string? remoteAddress, SmtpConnectionPhase phase, double seconds);

    [LoggerMessage(14, LogLevel.Warning, "SMTP stress mode {State}: {Count} of {Limit} connections open")]
    public static partial void StressChanged(ILogger logger, string state, int count, int limit);

    [LoggerMessage(15, LogLevel.Warning, "SMTP session {SessionId}: the message could not be written to the spool ({Reason}); refused, the client keeps it")]
    public static partial void SpoolWriteFailed(ILogger logger, string sessionId, string reason);
}
