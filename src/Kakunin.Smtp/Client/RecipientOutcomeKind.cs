namespace Kakunin.Smtp.Client;

/// <summary>How one recipient fared with the next hop.</summary>
public enum RecipientOutcomeKind
{
    /// <summary>The next hop took responsibility (2xx after DATA).</summary>
    Accepted,

    /// <summary>A 4xx reply, a connection or TLS failure, a timeout, DNS trouble: try again later.</summary>
    TransientFailure,

    /// <summary>A 5xx reply, a null MX (RFC 7505), a domain that does not exist: give up and report.</summary>
    PermanentFailure,
}
