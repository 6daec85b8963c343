using Kakunin.Tracking.Events;

namespace Kakunin.Webhooks.Outbox;

/// <summary>
/// webhook_endpoints.event_types: the words between single spaces with one before and after (" delivered failed "),
/// so migration 13's trigger finds a type with <c>instr(event_types, ' ' || type || ' ')</c>.
/// </summary>
internal static class EventTypeList
{
    public static string Write(IEnumerable<TrackingEventType> types) =>
        " " + string.Join(' ', types.Distinct().Order().Select(t => t.Word())) + " ";

    public static IReadOnlyList<TrackingEventType> Read(string stored) =>
        [.. stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => TrackingEventTypes.TryParse(w, out var t) ? (TrackingEventType?)t : null).OfType<TrackingEventType>()];
}
