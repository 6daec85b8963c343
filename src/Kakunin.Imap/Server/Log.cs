using Microsoft.Extensions.Logging;

namespace Kakunin.Imap.Server;

/// <summary>The IMAP server's log lines. Never a password, a SASL response or message content; commands by name only.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "IMAP session {SessionId} started from {RemoteAddress} on {Listener} (TLS: {IsTls})")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string? remoteAddress, ImapListenerKind listener, bool isTls);

    [LoggerMessage(2, LogLevel.Information, "IMAP session {SessionId} from {RemoteAddress} ended after {Seconds:0.0} s")]
    public static partial void SessionEnded(ILogger logger, string sessionId, string? remoteAddress, double seconds);

    [LoggerMessage(3, LogLevel.Debug, "IMAP session {SessionId}: {Tag} {Command} {Status} in {Milliseconds:0.0} ms")]
    public static partial void Command(ILogger logger, string sessionId, string tag, string command, string status, double milliseconds);

    // Information, not Warning: the sign-in throttle writes the line an operator (and fail2ban) acts on.
    [LoggerMessage(4, LogLevel.Information, "IMAP session {SessionId}: authentication failed from {RemoteAddress}")]
    public static partial void AuthFailed(ILogger logger, string sessionId, string? remoteAddress);

    [LoggerMessage(5, LogLevel.Information, "IMAP session {SessionId}: logged in as {User}")]
    public static partial void LoggedIn(ILogger logger, string sessionId, string user);

    [LoggerMessage(6, LogLevel.Warning, "IMAP session {SessionId}: {Errors} invalid commands, closing")]
    public static partial void TooManyErrors(ILogger logger, string sessionId, int errors);

    [LoggerMessage(7, LogLevel.Warning, "IMAP session {SessionId}: connection failed")]
    public static partial void ConnectionFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(30, LogLevel.Error, "IMAP session {SessionId}: {Tag} {Command} failed inside the server")]
    public static partial void CommandFailed(ILogger logger, string sessionId, string tag, string command, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "IMAP connection from {RemoteAddress} refused: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string? remoteAddress, string reason);

    [LoggerMessage(9, LogLevel.Information, "IMAP session {SessionId} from {RemoteAddress}: {Reason}, closing")]
    public static partial void ClientGone(ILogger logger, string sessionId, string? remoteAddress, string reason);

    [LoggerMessage(10, LogLevel.Warning, "IMAP session {SessionId} from {RemoteAddress}: TLS handshake failed: {Reason}")]
    public static partial void TlsHandshakeFailed(ILogger logger, string sessionId, string? remoteAddress, string reason);
}
