using Microsoft.Extensions.Logging;

namespace Kakunin.Queue;

/// <summary>Log events of mail refused for want of disk space (docs/storage.md): one line each, no stack trace.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Session {SessionId}: message not stored, the disk is full ({Reason}); answered 452 4.3.1, the client keeps it and tries again")]
    public static partial void NotStored(ILogger logger, string sessionId, string reason);
}
