namespace Kakunin.Tracking;

/// <summary>
/// The words <see cref="TrackingState"/> is stored as, and the one rule that keeps the current state from going
/// backwards (docs/tracking.md). Every event is kept in tracking_events; only the current-state row follows the rule.
/// </summary>
public static class TrackingStates
{
    /// <summary>Prefix of the event word of a read receipt ("mdn-displayed"), so an MDN's "deleted" is never read as a removal.</summary>
    public const string ReadEventPrefix = "mdn-";

    private static readonly Dictionary<string, TrackingState> DeliveryByWord = new(StringComparer.Ordinal)
    {
        ["queued"] = TrackingState.Queued,
        ["deferred"] = TrackingState.Deferred,
        ["delayed"] = TrackingState.Delayed,
        ["relayed"] = TrackingState.Relayed,
        ["expanded"] = TrackingState.Expanded,
        ["delivered"] = TrackingState.Delivered,
        ["failed"] = TrackingState.Failed,
        ["deleted"] = TrackingState.Removed, // the queue's word for an administrator's removal
    };

    private static readonly Dictionary<string, TrackingState> ReadByWord = new(StringComparer.Ordinal)
    {
        ["displayed"] = TrackingState.Displayed,
        ["deleted"] = TrackingState.Deleted,
        ["dispatched"] = TrackingState.Dispatched,
        ["processed"] = TrackingState.Processed,
        ["denied"] = TrackingState.Denied,
    };

    /// <summary>True for the read states (tracking_recipients.read_state), false for delivery states.</summary>
    public static bool IsRead(this TrackingState state) => state is >= TrackingState.Displayed;

    /// <summary>The word in the state or read_state column (and in SQL).</summary>
    public static string Word(this TrackingState state) => state switch
    {
        TrackingState.Queued => "queued",
        TrackingState.Deferred => "deferred",
        TrackingState.Delayed => "delayed",
        TrackingState.Relayed => "relayed",
        TrackingState.Expanded => "expanded",
        TrackingState.Delivered => "delivered",
        TrackingState.Failed => "failed",
        TrackingState.Removed => "deleted",
        TrackingState.Displayed => "displayed",
        TrackingState.Deleted => "deleted",
        TrackingState.Dispatched => "dispatched",
        TrackingState.Processed => "processed",
        TrackingState.Denied => "denied",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown is never stored."),
    };

    /// <summary>The word in tracking_events.state: the column word, or "mdn-&lt;type&gt;" for a read receipt.</summary>
    public static string EventWord(this TrackingState state) => state.IsRead() ? ReadEventPrefix + state.Word() : state.Word();

    /// <summary>The state as an SQL literal, for the queries' conditions (<c>'failed'</c>).</summary>
    public static string Sql(params TrackingState[] states) => string.Join(", ", states.Select(s => "'" + s.Word() + "'"));

    /// <summary>Reads the state column; <see cref="TrackingState.Unknown"/> for a word this version does not know.</summary>
    public static TrackingState ParseDelivery(string? word) =>
        word is not null && DeliveryByWord.TryGetValue(word, out var s) ? s : TrackingState.Unknown;

    /// <summary>Reads the read_state column; null when no receipt came.</summary>
    public static TrackingState? ParseRead(string? word) =>
        string.IsNullOrEmpty(word) ? null : ReadByWord.TryGetValue(word, out var s) ? s : TrackingState.Unknown;

    /// <summary>Reads tracking_events.state: a delivery word or "mdn-&lt;type&gt;".</summary>
    public static TrackingState ParseEvent(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.StartsWith(ReadEventPrefix, StringComparison.Ordinal)
            ? ParseRead(word[ReadEventPrefix.Length..]) ?? TrackingState.Unknown
            : ParseDelivery(word);
    }

    /// <summary>
    /// How far a delivery has got: queued 0; deferred, delayed, relayed 1 (still on its way); delivered, expanded,
    /// failed, removed 2 (final). Unknown counts as 0.
    /// </summary>
    public static int Rank(this TrackingState state) => state switch
    {
        TrackingState.Deferred or TrackingState.Delayed or TrackingState.Relayed => 1,
        TrackingState.Delivered or TrackingState.Expanded or TrackingState.Failed or TrackingState.Removed => 2,
        _ => 0,
    };

    /// <summary>
    /// Whether a delivery event in <paramref name="next"/> may become the current state of a recipient now in
    /// <paramref name="current"/>: never backwards (a late "delayed" after "delivered" stays an event only), but
    /// onwards ("failed" after "delayed") and sideways at the same rank (a later report is newer evidence).
    /// </summary>
    public static bool Advances(TrackingState current, TrackingState next) => next.Rank() >= current.Rank();

    /// <summary>
    /// Read states: "displayed" is the strongest evidence of reading and is never replaced; "deleted", "dispatched"
    /// and "processed" replace each other.
    /// </summary>
    public static bool ReadAdvances(TrackingState? current, TrackingState next) => ReadRank(next) >= ReadRank(current);

    /// <summary>The tracking state a queue recipient's state is recorded as.</summary>
    public static TrackingState Of(Store.RecipientState state) => state switch
    {
        Store.RecipientState.Deferred => TrackingState.Deferred,
        Store.RecipientState.Delivered => TrackingState.Delivered,
        Store.RecipientState.Relayed => TrackingState.Relayed,
        Store.RecipientState.Expanded => TrackingState.Expanded,
        Store.RecipientState.Failed => TrackingState.Failed,
        _ => TrackingState.Queued,
    };

    private static int ReadRank(TrackingState? state) => state switch
    {
        null => 0,
        TrackingState.Displayed => 2,
        _ => 1,
    };
}
