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
    /// The reader refused to send a receipt ("denied", RFC 3798 §3.2.6.2, dropped by RFC 8098). Tracking has no
    /// such state yet, so nothing is sent under it today; subscribing is allowed so endpoints need not change later.
    /// </summary>
    Denied,

    /// <summary>
    /// A report that matched no message we sent. Tracking keeps no event for it (an event belongs to a tracked
    /// recipient), so nothing is sent under it today; subscribing is allowed, as for <see cref="Denied"/>.
    /// </summary>
    UnmatchedReport,
}
