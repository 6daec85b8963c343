namespace Kakunin.Reports.Dsn;

/// <summary>The Action field of a per-recipient DSN block (RFC 3464 §2.3.3).</summary>
public enum DsnAction
{
    /// <summary>Could not be delivered; no further attempts will be made.</summary>
    Failed,

    /// <summary>Not yet delivered; the reporting MTA will keep trying.</summary>
    Delayed,

    /// <summary>Delivered to the recipient's mailbox.</summary>
    Delivered,

    /// <summary>Passed to a next hop that does not send DSNs; no further notices will come.</summary>
    Relayed,

    /// <summary>Delivered, then forwarded to several further addresses (an alias or list).</summary>
    Expanded,
}
