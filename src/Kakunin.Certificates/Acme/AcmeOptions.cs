namespace Kakunin.Certificates.Acme;

/// <summary>
/// Built-in ACME ("Kakunin:Acme", docs/certificates.md): obtain and renew certificates for the mail host names from a
/// certificate authority such as Let's Encrypt. Off unless <see cref="Enabled"/>; enabling it accepts the authority's
/// terms of service (the log names them when the account is made).
/// </summary>
public sealed class AcmeOptions
{
    public const string Section = "Kakunin:Acme";

    /// <summary>Let's Encrypt production: the default directory.</summary>
    public const string LetsEncryptProduction = "https://acme-v02.api.letsencrypt.org/directory";

    /// <summary>Let's Encrypt staging: untrusted certificates, generous limits; for trying a setup out.</summary>
    public const string LetsEncryptStaging = "https://acme-staging-v02.api.letsencrypt.org/directory";

    public bool Enabled { get; set; }

    /// <summary>The authority's directory URL (RFC 8555 §7.1.1). Default: Let's Encrypt production.</summary>
    public string DirectoryUrl { get; set; } = LetsEncryptProduction;

    /// <summary>Contact e-mail for the account (expiry warnings, policy notices); optional.</summary>
    public string? Email { get; set; }

    /// <summary>Comma-separated host names for the certificate (all in one certificate). Default: the server's host name.</summary>
    public string? HostNames { get; set; }

    /// <summary>
    /// How control of a name is proven: <c>http-01</c> (RFC 8555 §8.3: the authority fetches
    /// http://name/.well-known/acme-challenge/…, port 80 = the HTTP listener) or <c>tls-alpn-01</c> (RFC 8737: a TLS
    /// handshake on port 443 offering "acme-tls/1"). Default http-01.
    /// </summary>
    public string Challenge { get; set; } = AcmeChallengeTypes.Http01;

    /// <summary>
    /// A TLS listener that only answers TLS-ALPN-01 validation (for a proxy on 443 that routes "acme-tls/1" by ALPN,
    /// e.g. nginx ssl_preread, or for tests). 0 (the default): none; the HTTPS listener answers it.
    /// </summary>
    public int TlsAlpnPort { get; set; }

    /// <summary>
    /// PEM file of root certificates trusted for the authority's own HTTPS, instead of the system's (a test authority
    /// such as Pebble). Default: none, the system's roots.
    /// </summary>
    public string? TrustedRootsFile { get; set; }

    /// <summary>Renew when this fraction of the certificate's lifetime has passed. Default 2/3 (day 60 of 90).</summary>
    public double RenewAtFractionOfLifetime { get; set; } = 2.0 / 3.0;

    /// <summary>Longest sleep between looks at whether renewal is due. Default 12 hours.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>First wait after a failed attempt; doubles each failure up to <see cref="MaxRetryDelay"/>. Default 1 minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between failed attempts. Default 6 hours.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Each HTTP request to the authority gives up after this long. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long validation and issuance of one order may take before the attempt counts as failed. Default 3 minutes.</summary>
    public TimeSpan OrderTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The names to certify: <see cref="HostNames"/>, else <paramref name="hostName"/>.</summary>
    public IReadOnlyList<string> NamesOr(string hostName) =>
        string.IsNullOrWhiteSpace(HostNames)
            ? [Store.HostNameMatch.Normalize(hostName)]
            : [.. HostNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Store.HostNameMatch.Normalize).Distinct(StringComparer.Ordinal)];
}

/// <summary>The challenge type names of RFC 8555 §8.3 and RFC 8737 §3.</summary>
public static class AcmeChallengeTypes
{
    public const string Http01 = "http-01";

    public const string TlsAlpn01 = "tls-alpn-01";
}
