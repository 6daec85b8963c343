namespace Kakunin.Web.Integrity;

internal static partial class IntegrityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Store integrity: quick_check of {Database} found no damage ({Seconds:0.0} s)")]
    public static partial void Intact(ILogger logger, string database, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store integrity: PostgreSQL checks its own pages (data checksums, amcheck run by its administrator); Kakunin runs no check of its own there (docs/postgresql.md)")]
    public static partial void LeftToPostgres(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store integrity: {Repaired}; mail goes on, and search finds older mail again as the index fills (docs/storage.md)")]
    public static partial void SearchIndexRebuilt(ILogger logger, string repaired);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Store integrity: {Database} is damaged: {Problems}. New mail is refused (451 4.3.2) until the store is restored from a backup: stop the server, run 'kakunin restore BACKUP', start it again (docs/storage.md)")]
    public static partial void Damaged(ILogger logger, string database, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store integrity: the check at start did not finish within {Wait}; it goes on in the background and mail is accepted until it ends (Kakunin:Integrity:StartupWait)")]
    public static partial void StillChecking(ILogger logger, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store integrity: the check could not run: {Reason}")]
    public static partial void CheckFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Damaged message: {Description}")]
    public static partial void DamagedContent(ILogger logger, string description);
}
