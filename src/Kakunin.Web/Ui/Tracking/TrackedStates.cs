using Kakunin.Store;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>Where the delivery of one recipient stands, as the Tracking views name it.</summary>
public enum DeliveryWord
{
    /// <summary>Accepted, not yet tried.</summary>
    Queued,

    /// <summary>Being tried.</summary>
    Pending,

    /// <summary>Failing temporarily, still retrying: our queue's "deferred" or a remote "delayed" DSN (RFC 3464 §2.3.3).</summary>
    Delayed,

    /// <summary>Handed to a next hop that will not confirm delivery (RFC 3461 §5.2.2, RFC 3464 §2.3.3).</summary>
    Relayed,

    /// <summary>Delivered to an alias or list, which passed it on (RFC 3464 §2.3.3).</summary>
    Expanded,

    Delivered,

    Failed,

    /// <summary>Removed from the queue by an administrator.</summary>
    Removed,

    /// <summary>A word this version does not know (shown as stored).</summary>
    Unknown,
}

/// <summary>What the read receipt says, as the Tracking views name it (RFC 8098 §3.2.6.2 disposition types).</summary>
public enum ReadWord
{
    /// <summary>No receipt yet.</summary>
    None,

    Displayed,

    Deleted,

    Dispatched,

    Processed,

    Unknown,
}

/// <summary>
/// Reads the state words the store keeps (the queue's and the tracking write side's) into <see cref="DeliveryWord"/>
/// and <see cref="ReadWord"/>. Events of read receipts are stored as "mdn-&lt;type&gt;" so that an MDN's "deleted"
/// is never mistaken for a queue entry an administrator deleted.
/// </summary>
public static class TrackedStates
{
    public static DeliveryWord Delivery(string? state) => state switch
    {
        TrackingStates.Queued => DeliveryWord.Queued,
        "pending" => DeliveryWord.Pending, // the queue's word before a first attempt (RecipientStates),
        TrackingStates.Deferred or TrackingStates.Delayed => DeliveryWord.Delayed,
        TrackingStates.Relayed => DeliveryWord.Relayed,
        TrackingStates.Expanded => DeliveryWord.Expanded,
        TrackingStates.Delivered => DeliveryWord.Delivered,
        TrackingStates.Failed => DeliveryWord.Failed,
        TrackingStates.Deleted => DeliveryWord.Removed,
        _ => DeliveryWord.Unknown,
    };

    public static ReadWord Read(string? readState) => readState switch
    {
        null or "" => ReadWord.None,
        TrackingStates.ReadDisplayed => ReadWord.Displayed,
        TrackingStates.ReadDeleted => ReadWord.Deleted,
        TrackingStates.ReadDispatched => ReadWord.Dispatched,
        TrackingStates.ReadProcessed => ReadWord.Processed,
        _ => ReadWord.Unknown,
    };

    /// <summary>The read state an event records, or null when the event is a delivery event.</summary>
    public static ReadWord? ReadOfEvent(string state) =>
        state is not null && state.StartsWith(TrackingStates.ReadEventPrefix, StringComparison.Ordinal) ? Read(state[TrackingStates.ReadEventPrefix.Length..]) : null;

    /// <summary>Whether a failure explanation belongs beside this state.</summary>
    public static bool IsProblem(DeliveryWord word) => word is DeliveryWord.Failed or DeliveryWord.Delayed;

    /// <summary>Whether a read receipt can still come: not for a message that never arrived.</summary>
    public static bool MayBeRead(DeliveryWord word) => word is not (DeliveryWord.Failed or DeliveryWord.Removed);
}
