namespace Kakunin.Authentication.Publishing;

/// <summary>What a DNS record a mail domain publishes is for.</summary>
public enum RecordKind
{
    /// <summary>Where mail for the domain goes (RFC 5321 §5.1).</summary>
    Mx,

    /// <summary>Which hosts may send with the domain in MAIL FROM or HELO (RFC 7208).</summary>
    Spf,

    /// <summary>A public key of one DKIM selector (RFC 6376 §3.6).</summary>
    Dkim,

    /// <summary>The domain's DMARC policy (RFC 7489 §6).</summary>
    Dmarc,

    /// <summary>MTA-STS: senders must use TLS to the MX (RFC 8461 §3.1); optional.</summary>
    MtaSts,

    /// <summary>Where TLS failure reports go (RFC 8460 §3); optional.</summary>
    TlsRpt,
}
