using Kakunin.Web.Https;

namespace Kakunin.Web;

/// <summary>
/// The server's settings, bound from the "Kakunin" section of configuration: appsettings.json,
/// then environment variables (<c>KAKUNIN__SMTPPORT=2525</c>), then command-line options — the usual
/// ASP.NET Core order, later sources winning.
/// </summary>
public sealed class KakuninOptions
{
    public const string Section = "Kakunin";

    /// <summary>The data folder when none is configured (relative to the working directory).</summary>
    public const string DefaultDataDirectory = "kakunin-data";

    /// <summary>Where the SQLite database, the TLS certificate and logs live.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>This server's host name: in the greeting, in Received headers and in DSNs.</summary>
    public string HostName { get; set; } = "mail.example.test";

    /// <summary>
    /// The address every listener binds to. Loopback by default, so a first run is never reachable
    /// from the network; set to 0.0.0.0 (or ::) deliberately to serve others.
    /// </summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>SMTP for mail from other servers (25 in production; unprivileged by default).</summary>
    public int SmtpPort { get; set; } = 2525;

    /// <summary>Message submission with STARTTLS and AUTH (587 in production).</summary>
    public int SubmissionPort { get; set; } = 2587;

    /// <summary>Message submission over implicit TLS (465 in production, RFC 8314).</summary>
    public int SubmissionTlsPort { get; set; } = 2465;

    /// <summary>IMAP with STARTTLS (143 in production); 0 turns it off. Sign-in only after TLS (docs/imap.md).</summary>
    public int ImapPort { get; set; } = 2143;

    /// <summary>IMAP over implicit TLS (993 in production, RFC 8314); 0 turns it off.</summary>
    public int ImapsPort { get; set; } = 2993;

    /// <summary>The web host: webmail, /health and /metrics.</summary>
    public int HttpPort { get; set; } = 8025;

    /// <summary>
    /// The webmail (and /health, /metrics) over TLS, HTTP/1.1 and HTTP/2, with the SMTP listeners' certificate (443 in
    /// production). Off unless set; when set, plain HTTP redirects here and cookies are Secure (docs/https.md).
    /// </summary>
    public int? HttpsPort { get; set; }

    /// <summary>The web host's public name, HSTS and reverse proxies ("Kakunin:Web", docs/https.md).</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>Send all remote mail through this host ("host:port") instead of looking up MX records.</summary>
    public string? SmartHost { get; set; }

    /// <summary>Port used for MX hosts (25; tests and the Postfix peer use others).</summary>
    public int RemoteSmtpPort { get; set; } = 25;

    /// <summary>
    /// Comma-separated name servers ("127.0.0.1:5353,[::1]:53") for every DNS question the server asks: MX for
    /// delivery, and SPF, DKIM and DMARC records when authenticating mail. Empty (the default): the system's
    /// resolvers. Tests point it at an authoritative server they start on loopback.
    /// </summary>
    public string? DnsServers { get; set; }

    /// <summary>The parsed <see cref="DnsServers"/> (port 53 when none is given); empty means the system's resolvers.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> NameServers() =>
        string.IsNullOrWhiteSpace(DnsServers)
            ? []
            : [.. DnsServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(System.Net.IPEndPoint.Parse)
                .Select(e => e.Port == 0 ? new System.Net.IPEndPoint(e.Address, 53) : e)];

    /// <summary>Create the demo domain example.test with users alice and bob on first run.</summary>
    public bool Demo { get; set; }

    /// <summary>Password for the demo users; when empty one is generated and printed once.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>Most simultaneous SMTP connections from one client address (load tests raise it).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 20;

    /// <summary>
    /// Comma-separated CIDR blocks of trusted peer MTAs (e.g. "127.0.0.0/8,10.1.2.0/24"): mail they relay in counts
    /// as from a verified sender, so success and delay DSNs are sent back for it (docs/queue.md, Backscatter).
    /// Empty by default. Not a relay permission.
    /// </summary>
    public string? TrustedNetworks { get; set; }

    /// <summary>
    /// Comma-separated CIDR blocks that may read /metrics. Empty (the default): loopback and
    /// <see cref="TrustedNetworks"/> only; "0.0.0.0/0,::/0" opens it to everyone. Others get 404.
    /// </summary>
    public string? MetricsNetworks { get; set; }

    /// <summary>
    /// Comma-separated addresses or CIDR blocks of TCP balancers (HAProxy <c>send-proxy-v2</c>, nginx stream
    /// <c>proxy_protocol on</c>) in front of the SMTP and IMAP listeners: a connection from one of them must begin with a
    /// PROXY protocol header (v1 or v2), whose client address Kakunin then uses. Empty (the default): none is read
    /// (docs/postgresql.md, "Load balancing").
    /// </summary>
    public string? ProxyProtocolFrom { get; set; }

    /// <summary>The parsed <see cref="ProxyProtocolFrom"/>.</summary>
    public IReadOnlyList<System.Net.IPNetwork> ProxyProtocolNetworks() =>
        Kakunin.Connections.NetworkList.Parse(ProxyProtocolFrom, $"{Section}:{nameof(ProxyProtocolFrom)} (--proxy-protocol-from)");

    /// <summary>Allow AUTH without TLS (development only).</summary>
    public bool AllowInsecureAuth { get; set; }
}
