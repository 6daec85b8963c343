namespace Kakunin.Tracking.Events;

/// <summary>
/// The event types an application can subscribe to (issue 13; docs/webhooks.md): the outside names of tracking
/// events, sent as <c>message.&lt;word&gt;</c>. <see cref="TrackingEventTypes.Of"/> maps a stored event state to one;
/// a state with no type (an administrator's removal, an MDN's "dispatched" or "processed") is not sent.
/// </summary>
public enum TrackingEventType
{
    /// <summary>Accepted for delivery (one per recipient at submission).</summary>
    Queued,

    /// <summary>Delivered: to a local mailbox, or a remote server or DSN said so.</summary>
    Delivered,

    /// <summary>Handed to a next hop that does not report further (RFC 3461 §6.2.6).</summary>
    Relayed,

    /// <summary>Delivered to an alias or list, which passed it on (RFC 3464 §2.3.3).</summary>
    Expanded,

    /// <summary>Not delivered yet, still retrying: our queue deferred it, or a remote DSN said "delayed".</summary>
    Delayed,

    /// <summary>Will not be delivered (a permanent failure, or retries ran out).</summary>
    Failed,

    /// <summary>A read receipt said "displayed" (RFC 8098 §3.2.6.2).</summary>
    Read,

    /// <summary>A read receipt said "deleted": removed without being displayed (RFC 8098 §3.2.6.2).</summary>
    DeletedUnread,

    /// <summary>
    /// A read receipt said "denied" (RFC 3798 §3.2.6.2, dropped by RFC 8098, still sent by older clients): the reader
    /// declined to tell. The read state does not move. Never made from a local reader's own "never" choice, which
    /// sends nothing (RFC 8098 §2.1; docs/read-receipts.md).
    /// </summary>
    Denied,

    /// <summary>
    /// A report (DSN, MDN, bounce) delivered to the user that could not be tied to a message they sent: an event with
    /// no tracked message or recipient, about the report itself (docs/tracking.md, "Unmatched reports").
    /// </summary>
    UnmatchedReport,
}
