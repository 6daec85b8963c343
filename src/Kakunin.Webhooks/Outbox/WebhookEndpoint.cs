using Kakunin.Tracking.Events;

namespace Kakunin.Webhooks.Outbox;

/// <summary>A user's webhook endpoint (webhook_endpoints). <paramref name="Secret"/>: <c>whsec_…</c>, shown to its owner.</summary>
public sealed record WebhookEndpoint(
    long Id,
    string UserAddress,
    string Url,
    IReadOnlyList<TrackingEventType> EventTypes,
    string Secret,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    int ConsecutiveFailures,
    DateTimeOffset? FailingSince);
