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

    /// <summary>How long the server waits for the next command line. RFC 5321 §4.5.3.2.7: at least 5 minutes. Default 5 minutes.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the server waits for each block of DATA or BDAT content. RFC 5321 §4.5.3.2.5 (client side: 3 minutes
    /// per block) and §4.5.3.2.6 (server: 10 minutes for the final dot). Default 5 minutes per read.
    /// </summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most simultaneous SMTP connections over all listeners; more get 421 and are closed. Default 500.</summary>
    public int MaxConnections { get; set; } = 500;

    /// <summary>Most simultaneous SMTP connections from one client IP address (Postfix <c>smtpd_client_connection_count_limit</c>: 50). Default 20.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 20;

    /// <summary>Offer AUTH on connections without TLS. Only for development: RFC 4954 §4 and RFC 8314 want credentials under TLS. Default false.</summary>
    public bool AllowInsecureAuth { get; set; }

    /// <summary>The certificate for STARTTLS (RFC 3207) and for implicit TLS listeners (RFC 8314). Null: no STARTTLS. Default null.</summary>
    public X509Certificate2? Certificate { get; set; }

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
    /// BDAT. Default 10 (half of <see cref="MaxConnectionsPerAddress"/>: a peer MTA rarely sends more in parallel).
    /// </summary>
    public int MaxTransactionsPerAddress { get; set; } = 10;

    /// <summary>
    /// Most message bytes the backend holds in memory at once while it stores accepted messages (the store takes a
    /// message as one array); a message waits for its share, one larger than the budget takes all of it. Keeps peak
    /// memory bounded whatever the number of clients. Default 64 MiB (one message at the default <see cref="MaxMessageSize"/>).
    /// </summary>
    public long MaxMessageMemory { get; set; } = 64L << 20;
}
