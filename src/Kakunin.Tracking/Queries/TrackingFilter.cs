namespace Kakunin.Tracking;

/// <summary>What the Tracking page lists: recipients across all of a user's sent mail.</summary>
public enum TrackingFilter
{
    /// <summary>Every recipient, newest message first.</summary>
    All,

    /// <summary>Delivery failed for good.</summary>
    Failed,

    /// <summary>Still retrying after a temporary failure.</summary>
    Delayed,

    /// <summary>Delivered (or relayed) at least N days ago with no read receipt yet: the ones to follow up.</summary>
    Unread,

    /// <summary>A read receipt (displayed) came back.</summary>
    Read,
}
