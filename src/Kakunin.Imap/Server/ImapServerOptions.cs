using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Imap.Server;

/// <summary>
/// Every limit and switch of the IMAP server, with its default and where the default comes from. Bound through
/// <c>services.AddKakuninImap(o => …)</c>; docs/imap-server.md explains each.
/// </summary>
public sealed record ImapServerOptions
{
    /// <summary>Longest command line in octets (without literals), CRLF included. Dovecot <c>imap_max_line_length</c>: 64 KiB. Longer: BYE and close (the rest of the line cannot be told apart from a new command).</summary>
    public int MaxLineLength { get; set; } = 64 * 1024;

    /// <summary>Most octets of one command, lines and literals together, APPEND's message aside. Default 1 MiB.</summary>
    public int MaxCommandSize { get; set; } = 1024 * 1024;

    /// <summary>Most octets of one command before login (LOGIN, AUTHENTICATE), so an unknown client cannot make the server buffer much. Default 8 KiB.</summary>
    public int MaxCommandSizeBeforeLogin { get; set; } = 8 * 1024;

    /// <summary>BAD answers a session may earn before it is told BYE and closed (Dovecot CLIENT_MAX_BAD_COMMANDS: 20).</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>How long a client that has not logged in may stay silent (Dovecot imap-login: 3 minutes); then BYE.</summary>
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The autologout timer after login (RFC 9051 §5.4: at least 30 minutes), IDLE included; then BYE. Default 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an idling client is sent "* OK Still here", so NAT boxes keep the connection (Dovecot <c>imap_idle_notify_interval</c>: 2 minutes).</summary>
    public TimeSpan IdleKeepalive { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest TLS handshake (after STARTTLS or on an implicit TLS port). Default 30 seconds, as for SMTP.</summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most simultaneous IMAP connections. IMAP clients keep connections open (IDLE), several per account. Default 1000.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Most simultaneous IMAP connections from one IP address (Dovecot <c>mail_max_userip_connections</c> is 10 per user and address; a household behind one address has several users). Default 50.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 50;

    /// <summary>Unflushed response octets after which the server flushes within a command (a large FETCH). Default 64 KiB.</summary>
    public int OutputFlushThreshold { get; set; } = 64 * 1024;

    /// <summary>Allow LOGIN/AUTHENTICATE without TLS. Only for development (RFC 9051 §6.2.3, RFC 8314). Default false.</summary>
    public bool AllowInsecureAuth { get; set; }

    /// <summary>The certificate for STARTTLS and implicit TLS when no selector gives one. Null with no selector: no TLS.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Chooses the certificate by SNI server name (null when none was sent), at every handshake; null result: <see cref="Certificate"/>.</summary>
    public Func<string?, X509Certificate2?>? CertificateSelector { get; set; }

    /// <summary>Like <see cref="CertificateSelector"/> with the chain (intermediates); tried first.</summary>
    public Func<string?, SslStreamCertificateContext?>? CertificateContextSelector { get; set; }

    /// <summary>Whether TLS can be offered at all.</summary>
    public bool HasCertificate => Certificate is not null || CertificateSelector is not null || CertificateContextSelector is not null;

    /// <summary>The TLS options for one handshake (RFC 6066 §3 server name), as SMTP chooses them.</summary>
    public SslServerAuthenticationOptions AuthenticationFor(string? serverName) =>
        CertificateContextSelector?.Invoke(serverName) is { } context
            ? new SslServerAuthenticationOptions { ServerCertificateContext = context }
            : new SslServerAuthenticationOptions { ServerCertificate = CertificateSelector?.Invoke(serverName) ?? Certificate };
}
