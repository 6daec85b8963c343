namespace Kakunin.Web.Api;

/// <summary>One page of <c>GET /api/v1/tracking</c>; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record TrackingListView(IReadOnlyList<TrackingItemView> Items, string? NextCursor);

/// <summary>One recipient of one sent message, as the list shows it (the whole story: <c>GET /api/v1/messages/{message_id}</c>).</summary>
public sealed record TrackingItemView(
    string MessageId,
    string RecipientId,
    string Address,
    string? Subject,
    DateTimeOffset SubmittedAt,
    string State,
    DateTimeOffset StateAt,
    string? Status,
    string? StatusMeaning,
    string? Diagnostic,
    string? ReadState,
    DateTimeOffset? ReadAt,
    string Provenance);
