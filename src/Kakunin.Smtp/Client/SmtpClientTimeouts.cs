namespace Kakunin.Smtp.Client;

/// <summary>
/// Per-command timeouts. The defaults are the minimums of RFC 5321 §4.5.3.2 ("An SMTP client
/// MUST provide a timeout mechanism. It MUST use per-command timeouts"); connect, STARTTLS and
/// QUIT are not in the RFC and follow Postfix (smtp_connect_timeout 30 s, smtp_starttls_timeout
/// 300 s) and a short QUIT wait, since the outcome is already known by then.
/// </summary>
public sealed record SmtpClientTimeouts
{
    /// <summary>The RFC 5321 §4.5.3.2 values.</summary>
    public static readonly SmtpClientTimeouts Rfc5321 = new();

    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>§4.5.3.2.1 Initial 220 Message: 5 minutes.</summary>
    public TimeSpan Greeting { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>EHLO/HELO and the STARTTLS command and handshake: 5 minutes.</summary>
    public TimeSpan Command { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>§4.5.3.2.2 MAIL Command: 5 minutes.</summary>
    public TimeSpan Mail { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>§4.5.3.2.3 RCPT Command: 5 minutes.</summary>
    public TimeSpan Rcpt { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>§4.5.3.2.4 DATA Initiation (waiting for 354): 2 minutes.</summary>
    public TimeSpan DataInitiation { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>§4.5.3.2.5 Data Block (each write of message content): 3 minutes.</summary>
    public TimeSpan DataBlock { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>§4.5.3.2.6 DATA Termination (waiting for the reply to the final "."): 10 minutes.</summary>
    public TimeSpan DataTermination { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Waiting for the reply to QUIT (not in the RFC): 30 seconds.</summary>
    public TimeSpan Quit { get; init; } = TimeSpan.FromSeconds(30);
}
