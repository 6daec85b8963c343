namespace Kakunin.Web;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Kakunin {Host}: SMTP {Address}:{SmtpPort}, submission {SubmissionPort} (STARTTLS) and {SubmissionTlsPort} (TLS), web {HttpPort}, data {DataDirectory}")]
    public static partial void Listening(ILogger logger, string host, string address, int smtpPort, int submissionPort, int submissionTlsPort, int httpPort, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void PublicSuffixListMissing(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database upgraded from schema version {From} to {To}; the database as it was before is in {CopyPath} (keep it until the new version has run well, then delete it)")]
    public static partial void Upgraded(ILogger logger, int from, int to, string copyPath);
}
