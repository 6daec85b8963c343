using Microsoft.Extensions.Logging;

namespace Kakunin.Certificates.Acme;

/// <summary>The ACME client's log lines (docs/certificates.md, "When the authority fails").</summary>
internal static partial class AcmeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ACME: {Name} validated by {Challenge}")]
    public static partial void Validated(ILogger logger, string name, string challenge);

    [LoggerMessage(Level = LogLevel.Information, Message = "ACME: asking {Directory} for a certificate for {Names} ({Challenge}, account {Account}, terms of service {TermsOfService})")]
    public static partial void Ordering(ILogger logger, string directory, IReadOnlyList<string> names, string challenge, string account, string termsOfService);

    [LoggerMessage(Level = LogLevel.Information, Message = "ACME: certificate for {Names} obtained from {Directory}, valid until {NotAfter:yyyy-MM-dd HH:mm} UTC, saved as {File}; renewal due {Due:yyyy-MM-dd HH:mm} UTC")]
    public static partial void Obtained(ILogger logger, IReadOnlyList<string> names, string directory, DateTimeOffset notAfter, string file, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Error, Message = "ACME: getting a certificate for {Names} failed: {Cause}. Next try in {Delay}; still serving {Serving}")]
    public static partial void Failed(ILogger logger, IReadOnlyList<string> names, string cause, TimeSpan delay, string serving);

    [LoggerMessage(Level = LogLevel.Information, Message = "ACME: the certificate for {Names} in {File} is good until renewal at {Due:yyyy-MM-dd HH:mm} UTC")]
    public static partial void NotDue(ILogger logger, IReadOnlyList<string> names, string file, DateTimeOffset due);
}
