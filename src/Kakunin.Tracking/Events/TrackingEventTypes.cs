namespace Kakunin.Tracking.Events;

/// <summary>The words of <see cref="TrackingEventType"/> and the mapping from a stored event state to one.</summary>
public static class TrackingEventTypes
{
    /// <summary>The prefix of the payload's <c>type</c>: <c>message.delivered</c>.</summary>
    public const string TypePrefix = "message.";

    /// <summary>Every type, in the order the settings page lists them.</summary>
    public static IReadOnlyList<TrackingEventType> All { get; } = Enum.GetValues<TrackingEventType>();

    /// <summary>The word an endpoint subscribes with and the API accepts: <c>deleted-unread</c>.</summary>
    public static string Word(this TrackingEventType type) => type switch
    {
        TrackingEventType.Queued => "queued",
        TrackingEventType.Delivered => "delivered",
        TrackingEventType.Relayed => "relayed",
        TrackingEventType.Expanded => "expanded",
        TrackingEventType.Delayed => "delayed",
        TrackingEventType.Failed => "failed",
        TrackingEventType.Read => "read",
        TrackingEventType.DeletedUnread => "deleted-unread",
        TrackingEventType.Denied => "denied",
        TrackingEventType.UnmatchedReport => "unmatched-report",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The payload's <c>type</c>: <c>message.delivered</c>.</summary>
    public static string PayloadType(this TrackingEventType type) => TypePrefix + type.Word();

    /// <summary>Reads a subscription word; false for a word that names no type.</summary>
    public static bool TryParse(string? word, out TrackingEventType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Word(), word, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>
    /// The type an event in <paramref name="state"/> is sent as, or null when it is not sent. Our queue's "deferred"
    /// and a remote DSN's "delayed" are one type to an application: not yet, still trying.
    /// </summary>
    public static TrackingEventType? Of(TrackingState state) => state switch
    {
        TrackingState.Queued => TrackingEventType.Queued,
        TrackingState.Delivered => TrackingEventType.Delivered,
        TrackingState.Relayed => TrackingEventType.Relayed,
        TrackingState.Expanded => TrackingEventType.Expanded,
        TrackingState.Deferred or TrackingState.Delayed => TrackingEventType.Delayed,
        TrackingState.Failed => TrackingEventType.Failed,
        TrackingState.Displayed => TrackingEventType.Read,
        TrackingState.Deleted => TrackingEventType.DeletedUnread,
        TrackingState.Denied => TrackingEventType.Denied,
        _ => null,
    };

    /// <summary>
    /// The same mapping from the stored words of tracking_events.state (<see cref="TrackingStates.EventWord"/>, and
    /// <see cref="UnmatchedReports.State"/>) to type words: the SQL of migration 14's trigger is written from it, and a
    /// test keeps the two in step.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ByEventWord { get; } =
        Enum.GetValues<TrackingState>()
            .Where(s => s != TrackingState.Unknown && Of(s) is not null)
            .Select(s => (Word: s.EventWord(), Type: Of(s)!.Value.Word()))
            .Append((Word: UnmatchedReports.State, Type: TrackingEventType.UnmatchedReport.Word()))
            .ToDictionary(p => p.Word, p => p.Type, StringComparer.Ordinal);

    /// <summary>The type of an event stored with <paramref name="eventWord"/> (tracking_events.state); null when it is not sent.</summary>
    public static TrackingEventType? OfEventWord(string eventWord) =>
        string.Equals(eventWord, UnmatchedReports.State, StringComparison.Ordinal) ? TrackingEventType.UnmatchedReport : Of(TrackingStates.ParseEvent(eventWord));
}
