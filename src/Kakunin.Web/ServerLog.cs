namespace Kakunin.Web;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Cookie keys in the database (data_protection_keys; key files of {Folder} imported): not encrypted at rest (docs/security.md, \"Cookie keys\")")]
    public static partial void CookieKeys(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void PublicSuffixListMissing(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database upgraded from schema version {From} to {To}; the database as it was before is in {CopyPath} (keep it until the new version has run well, then delete it)")]
    public static partial void Upgraded(ILogger logger, int from, int to, string copyPath);
}
