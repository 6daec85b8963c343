using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Smtp.Server;

/// <summary>
/// Every limit and switch of the SMTP server, in one place, with its default. Bound through
/// <c>services.AddKakuninSmtp(o => …)</c>; see docs/smtp-server.md for the reasons behind each default.
/// </summary>
public sealed record SmtpServerOptions
{
    /// <summary>The name the server gives in its greeting, EHLO reply and Received header. Default: the machine name.</summary>
    public string HostName { get; set; } = Environment.MachineName;

    /// <summary>
    /// Longest command line in octets, CRLF included. RFC 5321 §4.5.3.1.4 sets 512 as the minimum, but
    /// MAIL/RCPT grow with ESMTP parameters (ORCPT alone may be 500 characters, RFC 3461 §4.2), so the default
    /// is Postfix's <c>line_length_limit</c>: 2048. AUTH lines may always reach 12288 (RFC 4954 §4).
    /// </summary>
    public int MaxCommandLineLength { get; set; } = 2048;

    /// <summary>Most recipients per transaction. RFC 5321 §4.5.3.1.8 requires at least 100. Default 1000 (Postfix <c>smtpd_recipient_limit</c>).</summary>
    public int MaxRecipients { get; set; } = 1000;

    /// <summary>Largest message in octets as received (before the Received header is added); advertised with SIZE (RFC 1870). Default 35 MiB.</summary>
    public long MaxMessageSize { get; set; } = 35L * 1024 * 1024;

    /// <summary>Negative replies a session may earn before it is answered 421 and closed (Postfix <c>smtpd_hard_error_limit</c>). Default 20.</summary>
    public int MaxErrors { get; set; } = 20;

    /// <summary>
    /// How long the whole next command line may take to arrive, counted from when the server starts waiting for it
    /// (not per read: a line dribbled one byte at a time ends at the same moment as a silent client; Postfix 3.7
    /// <c>smtpd_per_request_deadline</c>). RFC 5321 §4.5.3.2.7: at least 5 minutes. Default 5 minutes; then 421 4.4.2.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the server waits for each read of DATA or BDAT content, and the grace period of the
    /// <see cref="MinDataRate"/> rule. RFC 5321 §4.5.3.2.5 (client side: 3 minutes per block) and §4.5.3.2.6 (10 minutes
    /// for the final dot) are below or equal to what a client may see with this. Default 5 minutes.
    /// </summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Slowest accepted DATA/BDAT content rate in octets per second after the <see cref="DataTimeout"/> grace: the content
    /// of one DATA (or one BDAT chunk) must arrive within <c>DataTimeout + received / MinDataRate</c> (Postfix 3.7
    /// <c>smtpd_min_data_rate</c>, Kestrel <c>MinRequestBodyDataRate</c>). Default 500 (Postfix's; a 9600 bit/s modem
    /// does twice that). 0 turns the rule off.
    /// </summary>
    public int MinDataRate { get; set; } = 500;

    /// <summary>
    /// Longest a TLS handshake may take, after STARTTLS (RFC 3207) or on an implicit TLS port (RFC 8314); then the
    /// connection is closed (no SMTP reply is possible mid-handshake). Postfix <c>smtpd_starttls_timeout</c> is 300 s,
    /// Kestrel <c>HandshakeTimeout</c> 10 s; a handshake is two or three round trips. Default 30 seconds.
    /// </summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest life of one connection, whatever it does; then 421 4.4.2 and close (Exchange receive connector
    /// <c>ConnectionTimeout</c>: 10 minutes). Default 1 hour: a <see cref="MaxMessageSize"/> message over a 100 kbit/s
    /// link takes about 50 minutes.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Share of <see cref="MaxConnections"/> from which the server is under stress: waits use <see cref="StressTimeout"/>
    /// (Postfix <c>${stress?…}</c>, postconf(5) STRESS_README). Default 0.7.
    /// </summary>
    public double StressThreshold { get; set; } = 0.7;

    /// <summary>
    /// Under stress, replaces <see cref="CommandTimeout"/>, <see cref="DataTimeout"/> and <see cref="TlsHandshakeTimeout"/>
    /// for waits that start then (Postfix <c>smtpd_timeout = ${stress?{10}:{300}}s</c>). Default 10 seconds.
    /// </summary>
    public TimeSpan StressTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// At <see cref="MaxConnections"/>, a newcomer takes the slot of a session idle at least this long (a stalled TLS
    /// handshake first, then the longest-idle session waiting for a command, then for content), which gets
    /// 421 4.7.0 when it can still be written to; without one, the newcomer gets 421. Default 2 seconds, so a client
    /// between two commands is never chosen.
    /// </summary>
    public TimeSpan EvictionMinimumIdle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most simultaneous SMTP connections over all listeners, counted from accept (TLS handshakes included); see <see cref="EvictionMinimumIdle"/> for who gets the last slot. Default 500.</summary>
    public int MaxConnections { get; set; } = 500;

    /// <summary>Most simultaneous SMTP connections from one client IP address (Postfix <c>smtpd_client_connection_count_limit</c>: 50). Default 20.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 20;

    /// <summary>Offer AUTH on connections without TLS. Only for development: RFC 4954 §4 and RFC 8314 want credentials under TLS. Default false.</summary>
    public bool AllowInsecureAuth { get; set; }

    /// <summary>
    /// The certificate for STARTTLS (RFC 3207) and for implicit TLS listeners (RFC 8314) when no
    /// <see cref="CertificateSelector"/> is set or it has none for the name asked. Null with no selector: no STARTTLS. Default null.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Chooses the certificate by the server name the client sent (SNI, RFC 6066 §3; null when it sent none), at every
    /// handshake, so a certificate replaced or renewed is served from the next connection on. Null result: fall back
    /// to <see cref="Certificate"/>. Default null.
    /// </summary>
    public Func<string?, X509Certificate2?>? CertificateSelector { get; set; }

    /// <summary>
    /// Like <see cref="CertificateSelector"/>, but the certificate with its chain: a certificate from a CA is served
    /// with its intermediates only this way (given a bare certificate, .NET sends the leaf alone, and a client that
    /// holds only the root cannot verify it). Tried first. Default null.
    /// </summary>
    public Func<string?, SslStreamCertificateContext?>? CertificateContextSelector { get; set; }

    /// <summary>Whether TLS can be offered at all (STARTTLS advertised, implicit TLS possible).</summary>
    public bool HasCertificate => Certificate is not null || CertificateSelector is not null || CertificateContextSelector is not null;

    /// <summary>The certificate for one handshake: the selector's choice for <paramref name="serverName"/>, else <see cref="Certificate"/>.</summary>
    public X509Certificate2? CertificateFor(string? serverName) => CertificateSelector?.Invoke(serverName) ?? Certificate;

    /// <summary>The TLS options for one handshake (RFC 6066 §3 server name): the context selector's chain, else <see cref="CertificateFor"/>.</summary>
    public SslServerAuthenticationOptions AuthenticationFor(string? serverName) =>
        CertificateContextSelector?.Invoke(serverName) is { } context
            ? new SslServerAuthenticationOptions { ServerCertificateContext = context }
            : new SslServerAuthenticationOptions { ServerCertificate = CertificateFor(serverName) };

    /// <summary>
    /// The folder where DATA and BDAT content is written as it arrives, one file per transaction, deleted when the
    /// transaction ends; leftovers are deleted at start. <c>kakunin serve</c> sets <c>&lt;data folder&gt;/spool</c>.
    /// Default null: a new folder under the system temporary folder.
    /// </summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>
    /// Most bytes in the spool at once, over all clients; more gets 452 4.3.1 (RFC 3463 X.3.1 "mail system full"),
    /// and DATA/BDAT get it at once while less than <see cref="MaxMessageSize"/> is left (Postfix <c>queue_minfree</c>).
    /// Bounds the disk clients can take before anything is accepted. Default 1 GiB.
    /// </summary>
    public long MaxSpoolSize { get; set; } = 1L << 30;

    /// <summary>
    /// Most spooled, not yet accepted bytes from one client IP address; more gets 452 4.3.1. Default 128 MiB
    /// (three messages at the default <see cref="MaxMessageSize"/>), so two addresses cannot fill <see cref="MaxSpoolSize"/>.
    /// </summary>
    public long MaxSpoolSizePerAddress { get; set; } = 128L << 20;

    /// <summary>
    /// Most transactions from one client IP address in DATA or BDAT at once; more get 451 4.3.0 at DATA / the first
    /// BDAT. Default null: the same as <see cref="MaxConnectionsPerAddress"/>. A session holds at most one transaction,
    /// so only a lower value changes anything; the bytes one address may hold are bounded by
    /// <see cref="MaxSpoolSizePerAddress"/> either way. (It was 10 by default at first: that deferred a busy peer MTA's
    /// eleventh parallel message, as the Kakunin-vs-Postfix benchmark's 32 sessions showed, and bought nothing the
    /// byte limit does not.)
    /// </summary>
    public int? MaxTransactionsPerAddress { get; set; }

    /// <summary><see cref="MaxTransactionsPerAddress"/>, or <see cref="MaxConnectionsPerAddress"/> when it is not set.</summary>
    public int TransactionsPerAddressLimit => MaxTransactionsPerAddress ?? MaxConnectionsPerAddress;

    /// <summary>
    /// Most message bytes the backend holds in memory at once while it stores accepted messages (the store takes a
    /// message as one array); a message waits for its share, one larger than the budget takes all of it. Keeps peak
    /// memory bounded whatever the number of clients. Default 64 MiB (one message at the default <see cref="MaxMessageSize"/>).
    /// </summary>
    public long MaxMessageMemory { get; set; } = 64L << 20;
}
