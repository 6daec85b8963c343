namespace Kakunin.Store;

/// <summary>
/// The state of one queue recipient: an explicit column, the queue's state machine.
/// pending → delivered | relayed | expanded | failed | deferred; deferred → the same, again. The last four of
/// the first list are final.
/// </summary>
public enum RecipientState
{
    /// <summary>Accepted, not yet tried.</summary>
    Pending,

    /// <summary>Tried, failed temporarily; retried at next_attempt_at.</summary>
    Deferred,

    /// <summary>Put into a local mailbox.</summary>
    Delivered,

    /// <summary>Handed to the next hop, which took responsibility.</summary>
    Relayed,

    /// <summary>A local alias; replaced by one new queue recipient per target (RFC 3464 §2.3.3 "expanded").</summary>
    Expanded,

    /// <summary>Permanently failed, or expired.</summary>
    Failed,
}
