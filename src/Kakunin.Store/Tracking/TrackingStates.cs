namespace Kakunin.Store.Tracking;

/// <summary>
/// The words stored for a tracked recipient. Delivery: the queue's states (<see cref="RecipientStates"/>) plus
/// "queued" before the first attempt. Read: the RFC 8098 §3.2.6.2 disposition types.
/// </summary>
public static class TrackingStates
{
    public const string Queued = "queued";
    public const string Pending = "pending";
    public const string Deferred = "deferred";
    public const string Delivered = "delivered";
    public const string Relayed = "relayed";
    public const string Expanded = "expanded";
    public const string Failed = "failed";

    public const string Displayed = "displayed";
    public const string Deleted = "deleted";
    public const string Dispatched = "dispatched";
    public const string Processed = "processed";

    /// <summary>Whether a state word is a read (MDN) state rather than a delivery state.</summary>
    public static bool IsReadState(string state) => state is Displayed or Deleted or Dispatched or Processed;
}
