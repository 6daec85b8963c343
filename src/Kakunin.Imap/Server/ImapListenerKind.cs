namespace Kakunin.Imap.Server;

/// <summary>How a listening port starts its connections.</summary>
public enum ImapListenerKind
{
    /// <summary>Plain text first, STARTTLS before any password (port 143, RFC 9051 §6.2.1; demo 2143).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 993, RFC 8314 §3.2; demo 2993).</summary>
    ImplicitTls,
}
