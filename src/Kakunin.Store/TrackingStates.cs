namespace Kakunin.Store;

/// <summary>
/// The states a tracked recipient is shown in, and the one rule that keeps the current state from going
/// backwards (docs/tracking.md). Delivery states come from our queue and from DSNs that come back (the RFC 3464
/// §2.3.3 actions); read states come from MDNs (the RFC 8098 §3.2.6.2 disposition types). Every event is kept in
/// tracking_events; only the current-state row follows this rule.
/// </summary>
public static class TrackingStates
{
    /// <summary>Accepted, not yet tried.</summary>
    public const string Queued = "queued";

    /// <summary>Our queue failed temporarily and retries (until retry_until).</summary>
    public const string Deferred = "deferred";

    /// <summary>A remote MTA reported "delayed" (RFC 3464 §2.3.3), retrying until Will-Retry-Until.</summary>
    public const string Delayed = "delayed";

    /// <summary>Handed to a next hop; whether more will be heard depends on that hop (RFC 3461 §6.2.6).</summary>
    public const string Relayed = "relayed";

    public const string Expanded = "expanded";

    public const string Delivered = "delivered";

    public const string Failed = "failed";

    /// <summary>Removed from the queue by an administrator (<see cref="QueueRepository.DeletedState"/>).</summary>
    public const string Deleted = QueueRepository.DeletedState;

    /// <summary>Prefix of the event state of a read receipt: "mdn-displayed", "mdn-deleted", … (never a delivery state).</summary>
    public const string ReadEventPrefix = "mdn-";

    /// <summary>RFC 8098 §3.2.6.2 disposition types, as kept in tracking_recipients.read_state.</summary>
    public const string ReadDisplayed = "displayed";

    public const string ReadDeleted = "deleted";

    public const string ReadDispatched = "dispatched";

    public const string ReadProcessed = "processed";

    /// <summary>The event state recorded for a read receipt of <paramref name="readState"/>.</summary>
    public static string ReadEvent(string readState) => ReadEventPrefix + readState;

    /// <summary>
    /// How far a delivery has got: queued 0; deferred, delayed, relayed 1 (still on its way); delivered,
    /// expanded, failed, deleted 2 (final). Unknown states count as 0.
    /// </summary>
    public static int Rank(string? state) => state switch
    {
        Deferred or Delayed or Relayed => 1,
        Delivered or Expanded or Failed or Deleted => 2,
        _ => 0,
    };

    /// <summary>
    /// Whether an event in <paramref name="next"/> becomes the current state of a recipient now in
    /// <paramref name="current"/>: never backwards (a late "delayed" after "delivered" stays an event only), but
    /// onwards ("failed" after "delayed") and sideways at the same rank (a later report is newer evidence).
    /// </summary>
    public static bool Advances(string? current, string next) => Rank(next) >= Rank(current);

    /// <summary>
    /// Read states: "displayed" is the strongest evidence of reading and is never replaced; "deleted",
    /// "dispatched" and "processed" replace each other and nothing.
    /// </summary>
    public static bool ReadAdvances(string? current, string next) => ReadRank(next) >= ReadRank(current);

    private static int ReadRank(string? readState) => readState switch
    {
        null => 0,
        ReadDisplayed => 2,
        _ => 1,
    };
}
