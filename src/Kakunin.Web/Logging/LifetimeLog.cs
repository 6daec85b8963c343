using System.Net;

namespace Kakunin.Web.Logging;

/// <summary>
/// The start and stop lines, in Kakunin's words, in place of Microsoft.Hosting.Lifetime's (filtered out by
/// LoggingDefaults): its "Now listening on: http://…:2525" called the SMTP listeners http:// and https://. Here each
/// listening port is named by what it serves, once the ports are bound.
/// </summary>
public static partial class LifetimeLog
{
    /// <summary>Every listener of <paramref name="options"/>: its address and port, and what it serves.</summary>
    public static IReadOnlyList<(IPEndPoint Endpoint, string Kind)> Describe(KakuninOptions options, string? httpsRedirectTarget)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = IPAddress.Parse(options.ListenAddress);
        var web = options.Web.ListenOn(options.ListenAddress);
        var listeners = new List<(IPEndPoint, string)>
        {
            (new(address, options.SmtpPort), "SMTP, mail from other servers (STARTTLS offered)"),
            (new(address, options.SubmissionPort), "SMTP submission, STARTTLS then AUTH (RFC 6409)"),
            (new(address, options.SubmissionTlsPort), "SMTP submission over implicit TLS (RFC 8314)"),
            (new(web, options.HttpPort), httpsRedirectTarget is null
                ? "HTTP: webmail, /health, /metrics"
                : $"HTTP: redirects to https://{httpsRedirectTarget}, except /health, /metrics and ACME HTTP-01"),
        };
        if (options.ImapPort > 0)
        {
            listeners.Add((new(address, options.ImapPort), "IMAP, STARTTLS then sign-in (RFC 9051)"));
        }

        if (options.ImapsPort > 0)
        {
            listeners.Add((new(address, options.ImapsPort), "IMAP over implicit TLS (RFC 8314)"));
        }

        if (options.HttpsPort is { } https)
        {
            listeners.Add((new(web, https), "HTTPS (HTTP/1.1 and HTTP/2): webmail, /health, /metrics"));
        }

        return listeners;
    }

    /// <summary>Writes one line per listener, then the line that says the server is up.</summary>
    public static void Write(ILogger logger, KakuninOptions options, string? httpsRedirectTarget, string environment, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var (endpoint, kind) in Describe(options, httpsRedirectTarget))
        {
            Listening(logger, endpoint, kind);
        }

        var proxies = options.Web.TrustedProxies;
        if (!string.IsNullOrWhiteSpace(proxies))
        {
            TrustingProxies(logger, proxies);
        }

        Started(logger, options.HostName, environment, dataDirectory);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kakunin stopping: no new connections; open ones are given time to finish")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Endpoint}: {Kind}")]
    private static partial void Listening(ILogger logger, IPEndPoint endpoint, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Web client addresses and scheme taken from X-Forwarded-For and X-Forwarded-Proto sent by {Proxies} only")]
    private static partial void TrustingProxies(ILogger logger, string proxies);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kakunin {Host} started ({Environment}), data {DataDirectory}")]
    private static partial void Started(ILogger logger, string host, string environment, string dataDirectory);
}
