using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Outbox;

namespace Kakunin.Web.Api;

/// <summary>The body of <c>POST /api/v1/webhooks</c>: the URL and the event types (queued, delivered, … docs/webhooks.md).</summary>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> EventTypes);

/// <summary>An endpoint as the API shows it; the secret (whsec_…) is its owner's, to verify signatures with.</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> EventTypes, string Secret, bool Enabled, string? DisabledReason, DateTimeOffset CreatedAt)
{
    public const string Prefix = "whk_";

    public static WebhookView From(WebhookEndpoint e) =>
        new(ApiIds.Of(Prefix, e.Id), e.Url, [.. e.EventTypes.Select(t => t.Word())], e.Secret, e.Enabled, e.DisabledReason, e.CreatedAt);
}

/// <summary><c>GET /api/v1/webhooks</c>.</summary>
public sealed record WebhookListView(IReadOnlyList<WebhookView> Webhooks);

/// <summary>One row of an endpoint's delivery log; <paramref name="LastStatus"/> null: no HTTP answer (<paramref name="LastResponse"/> says why).</summary>
public sealed record WebhookDeliveryView(string Id, string EventId, string State, int Attempts, int? LastStatus, string? LastResponse, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt)
{
    public const string Prefix = "whd_";

    public static WebhookDeliveryView From(WebhookDelivery d) => new(
        ApiIds.Of(Prefix, d.Id), EventIds.Event(d.EventId), d.State, d.Attempts, d.LastStatus, d.LastResponse, d.LastAttemptAt,
        d.State == WebhookDelivery.Pending ? d.NextAttemptAt : null, d.DeliveredAt);
}

/// <summary><c>GET /api/v1/webhooks/{id}/deliveries</c>, newest first.</summary>
public sealed record WebhookDeliveryListView(IReadOnlyList<WebhookDeliveryView> Deliveries);
