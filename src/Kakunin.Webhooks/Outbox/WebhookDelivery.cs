namespace Kakunin.Webhooks.Outbox;

/// <summary>
/// One event's delivery to one endpoint (webhook_deliveries): the delivery log's row. <paramref name="State"/>:
/// <c>pending</c>, <c>delivered</c> or <c>failed</c>; <paramref name="LastStatus"/>: the HTTP status of the last
/// attempt, null when there was no answer (<paramref name="LastResponse"/> then says why).
/// </summary>
public sealed record WebhookDelivery(
    long Id,
    long EndpointId,
    long EventId,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string State,
    int? LastStatus,
    string? LastResponse,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
