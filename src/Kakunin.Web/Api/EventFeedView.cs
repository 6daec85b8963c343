using Kakunin.Tracking.Events;

namespace Kakunin.Web.Api;

/// <summary>
/// One page of <c>GET /api/v1/events</c>: events oldest first, in the webhooks' payload form (EVENTS.md).
/// <paramref name="NextCursor"/> is the id of the last event given (the cursor sent when none came): pass it as
/// <c>after</c> to go on; <paramref name="HasMore"/> says whether to ask again at once.
/// </summary>
public sealed record EventFeedView(IReadOnlyList<EventPayload> Events, string NextCursor, bool HasMore);
