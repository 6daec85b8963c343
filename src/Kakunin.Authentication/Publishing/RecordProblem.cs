namespace Kakunin.Authentication.Publishing;

/// <summary>What <see cref="DomainCheck"/> found for one required record (the CLI words each in English and Japanese).</summary>
public enum RecordProblem
{
    /// <summary>Published as needed.</summary>
    None,

    /// <summary>No such record.</summary>
    Missing,

    /// <summary>Optional, and not published.</summary>
    OptionalMissing,

    /// <summary>The DNS did not answer (timeout, SERVFAIL): nothing can be said.</summary>
    LookupFailed,

    /// <summary>MX records exist but none names this server's host.</summary>
    MxElsewhere,

    /// <summary>A null MX (RFC 7505): the domain says it receives no mail.</summary>
    NullMx,

    /// <summary>More than one SPF record: a permanent error for every receiver (RFC 7208 §4.5).</summary>
    SpfMultiple,

    /// <summary>The SPF record ends in "+all" (or a bare "all"): it authorises every host (RFC 7208 §5.1).</summary>
    SpfAllowsAll,

    /// <summary>The selector publishes another key than the one this server signs with.</summary>
    DkimWrongKey,

    /// <summary>The selector's key is empty (p=): revoked (RFC 6376 §3.6.1).</summary>
    DkimRevoked,

    /// <summary>More than one DMARC record: receivers then apply none (RFC 7489 §6.6.3).</summary>
    DmarcMultiple,

    /// <summary>The DMARC record has no valid p= (none, quarantine or reject; RFC 7489 §6.3).</summary>
    DmarcNoPolicy,
}
