namespace Kakunin.Tracking;

/// <summary>
/// Every state a tracked recipient can be shown in: the one type the store's columns, the SQL of the queries and
/// the webmail's words all read (<see cref="TrackingStates"/> holds the stored words and the rules). Delivery states
/// come from our queue and from DSNs (RFC 3464 §2.3.3 actions); read states from MDNs (RFC 8098 §3.2.6.2
/// disposition types). Adding a state: a member here, its word and rank in <see cref="TrackingStates"/>, its words
/// in the webmail's UiText (English and Japanese).
/// </summary>
public enum TrackingState
{
    /// <summary>A stored word this version does not know (a newer version wrote it).</summary>
    Unknown,

    /// <summary>Accepted, not yet tried.</summary>
    Queued,

    /// <summary>Our queue failed temporarily and retries (until retry_until).</summary>
    Deferred,

    /// <summary>A remote MTA reported "delayed" (RFC 3464 §2.3.3), retrying until Will-Retry-Until.</summary>
    Delayed,

    /// <summary>Handed to a next hop; whether more will be heard depends on that hop (RFC 3461 §6.2.6).</summary>
    Relayed,

    /// <summary>Delivered to an alias or list, which passed it on (RFC 3464 §2.3.3).</summary>
    Expanded,

    Delivered,

    Failed,

    /// <summary>Removed from the queue by an administrator.</summary>
    Removed,

    /// <summary>Read state: the message was displayed (RFC 8098 §3.2.6.2).</summary>
    Displayed,

    /// <summary>Read state: deleted without being displayed.</summary>
    Deleted,

    /// <summary>Read state: sent somewhere else (forwarded, printed), perhaps unread.</summary>
    Dispatched,

    /// <summary>Read state: processed by a program, not read.</summary>
    Processed,

    /// <summary>
    /// A read receipt said "denied" (RFC 3798 §3.2.6.2): the reader declined to say what became of the message. An
    /// event only (shown as "receipt declined"): it never becomes the current read state (<see cref="TrackingRules"/>).
    /// </summary>
    Denied,
}
