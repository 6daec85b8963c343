namespace Kakunin.Web;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Cookie keys in {Folder}: readable by this user only (0700), not encrypted at rest (docs/security.md, \"Cookie keys\")")]
    public static partial void CookieKeys(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void PublicSuffixListMissing(ILogger logger, string warning);
}
