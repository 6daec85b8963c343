using Microsoft.Extensions.Logging;

namespace Kakunin.Certificates;

/// <summary>Every log line of the certificate store and the ACME client, one place (docs/certificates.md quotes them).</summary>
internal static partial class CertificateLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate loaded from {File} for {Names}, valid until {NotAfter:yyyy-MM-dd HH:mm} UTC")]
    public static partial void Loaded(ILogger logger, string file, IReadOnlyList<string> names, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "TLS certificate refused: {Cause}; still serving {Serving}")]
    public static partial void Refused(ILogger logger, string cause, string serving);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} for certificate changes ({Cause}); changes are still seen at the next handshake")]
    public static partial void NotWatched(ILogger logger, string folder, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No usable TLS certificate in {Places}: serving {Fallback} ({Subject}) until one is there")]
    public static partial void OnlyFallback(ILogger logger, string places, string fallback, string subject);
}
