using Microsoft.Extensions.Logging;

namespace Kakunin.Smtp.Server;

/// <summary>The server's structured log lines. Never logs AUTH lines or message content.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "SMTP session {SessionId} started from {RemoteAddress} on {Listener} (TLS: {IsTls})")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string? remoteAddress, ListenerKind listener, bool isTls);

    [LoggerMessage(2, LogLevel.Information, "SMTP session {SessionId} from {RemoteAddress} ended after {Seconds:0.0} s")]
    public static partial void SessionEnded(ILogger logger, string sessionId, string? remoteAddress, double seconds);

    [LoggerMessage(3, LogLevel.Information, "SMTP session {SessionId} from {RemoteAddress}: message accepted, queue id {QueueId}, {Recipients} recipient(s), {Length} octets")]
    public static partial void MessageAccepted(ILogger logger, string sessionId, string? remoteAddress, string? queueId, int recipients, long length);

    [LoggerMessage(4, LogLevel.Information, "SMTP session {SessionId}: message rejected with {Code}, {Length} octets")]
    public static partial void MessageRejected(ILogger logger, string sessionId, int code, long length);

    [LoggerMessage(5, LogLevel.Warning, "SMTP session {SessionId}: authentication failed from {RemoteAddress}")]
    public static partial void AuthFailed(ILogger logger, string sessionId, string? remoteAddress);

    [LoggerMessage(6, LogLevel.Warning, "SMTP session {SessionId}: {Errors} errors, closing")]
    public static partial void TooManyErrors(ILogger logger, string sessionId, int errors);

    [LoggerMessage(7, LogLevel.Error, "SMTP session {SessionId}: backend failed")]
    public static partial void BackendFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "SMTP session {SessionId}: connection failed")]
    public static partial void ConnectionFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "SMTP connection from {RemoteAddress} refused: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string? remoteAddress, string reason);

    [LoggerMessage(10, LogLevel.Warning, "SMTP session {SessionId}: {Event}")]
    public static partial void ProtocolEvent(ILogger logger, string sessionId, string @event);
}
