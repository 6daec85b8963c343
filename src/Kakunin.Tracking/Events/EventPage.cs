namespace Kakunin.Tracking.Events;

/// <summary>
/// A page of a user's events after a cursor, oldest first. <paramref name="NextCursor"/> is the id of the last event
/// on the page (the cursor given when the page is empty): asking again after it never skips or repeats an event,
/// because the single writer gives event ids in commit order (docs/architecture.md).
/// </summary>
public sealed record EventPage(IReadOnlyList<EventPayload> Events, string NextCursor, bool HasMore);
