using Kakunin.Tracking.Events;
using Kakunin.Web.Ui;
using Kakunin.Webhooks.Dispatch;
using Kakunin.Webhooks.Outbox;
using Kakunin.Webhooks.Targets;
using EndpointStore = Kakunin.Webhooks.Outbox.WebhookEndpoints;

namespace Kakunin.Web.Api;

/// <summary>
/// <c>/api/v1/webhooks</c>: the token user's webhook endpoints (docs/webhooks.md): create (the answer carries the
/// signing secret), list, get, delete, re-enable, and an endpoint's delivery log with resend. Ids are whk_… and whd_…;
/// another user's id is a 404, as one that does not exist.
/// </summary>
public static class WebhookEndpoints
{
    public const int MaxBodyBytes = 16 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/webhooks", CreateAsync).WithName("CreateWebhook").WithSummary("Add a webhook endpoint; the answer has its signing secret")
            .Produces<WebhookView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/webhooks", ListAsync).WithName("ListWebhooks").WithSummary("The token user's webhook endpoints").Produces<WebhookListView>();
        api.MapGet("/webhooks/{id}", GetAsync).WithName("GetWebhook").Produces<WebhookView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/webhooks/{id}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete an endpoint and its delivery log")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/webhooks/{id}/enable", EnableAsync).WithName("EnableWebhook").WithSummary("Enable an endpoint disabled after repeated failure")
            .Produces<WebhookView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/webhooks/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("An endpoint's delivery log, newest first")
            .Produces<WebhookDeliveryListView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/webhooks/{id}/deliveries/{deliveryId}/resend", ResendAsync).WithName("ResendWebhookDelivery").WithSummary("Send a delivery again, with the same webhook-id")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EndpointStore endpoints, CancellationToken cancellationToken)
    {
        var read = await ApiBody.ReadAsync<CreateWebhookRequest>(context, MaxBodyBytes, $"A webhook request is at most {MaxBodyBytes} bytes.");
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        if (!WebhookUrl.TryParse(request.Url, out var url, out var reason))
        {
            return ApiProblems.BadRequest("invalid-url", reason);
        }

        var types = new List<TrackingEventType>();
        foreach (var word in request.EventTypes)
        {
            if (!TrackingEventTypes.TryParse(word, out var type))
            {
                return ApiProblems.BadRequest("invalid-event-type", $"'{word}' is not an event type; use any of {string.Join(", ", TrackingEventTypes.All.Select(t => t.Word()))}.");
            }

            types.Add(type);
        }

        if (types.Count == 0)
        {
            return ApiProblems.BadRequest("invalid-event-type", "event_types needs at least one event type.");
        }

        var endpoint = await endpoints.AddAsync(context.User.Address()!, url, types, cancellationToken);
        context.Response.Headers.Location = $"{ApiRoutes.Prefix}/webhooks/{ApiIds.Of(WebhookView.Prefix, endpoint.Id)}";
        return ApiJson.Ok(WebhookView.From(endpoint), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, EndpointStore endpoints, CancellationToken cancellationToken) =>
        ApiJson.Ok(new WebhookListView([.. (await endpoints.ListAsync(context.User.Address()!, cancellationToken)).Select(WebhookView.From)]));

    private static async Task<IResult> GetAsync(string id, HttpContext context, EndpointStore endpoints, CancellationToken cancellationToken) =>
        await FindAsync(id, context, endpoints, cancellationToken) is { } endpoint ? ApiJson.Ok(WebhookView.From(endpoint)) : NoWebhook(id);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, EndpointStore endpoints, CancellationToken cancellationToken) =>
        ApiIds.TryParse(WebhookView.Prefix, id, out var number) && await endpoints.DeleteAsync(context.User.Address()!, number, cancellationToken)
            ? Results.NoContent()
            : NoWebhook(id);

    private static async Task<IResult> EnableAsync(string id, HttpContext context, EndpointStore endpoints, WebhookDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (!ApiIds.TryParse(WebhookView.Prefix, id, out var number) || !await endpoints.EnableAsync(context.User.Address()!, number, cancellationToken))
        {
            return NoWebhook(id);
        }

        dispatcher.Wake();
        return await GetAsync(id, context, endpoints, cancellationToken);
    }

    private static async Task<IResult> DeliveriesAsync(string id, HttpContext context, EndpointStore endpoints, WebhookDeliveries deliveries, int? limit, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, endpoints, cancellationToken) is not { } endpoint)
        {
            return NoWebhook(id);
        }

        var log = await deliveries.LogAsync(context.User.Address()!, endpoint.Id, limit ?? 100, cancellationToken);
        return ApiJson.Ok(new WebhookDeliveryListView([.. log.Select(WebhookDeliveryView.From)]));
    }

    private static async Task<IResult> ResendAsync(string id, string deliveryId, HttpContext context, EndpointStore endpoints, WebhookDeliveries deliveries, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, endpoints, cancellationToken) is not { } endpoint)
        {
            return NoWebhook(id);
        }

        var log = await deliveries.LogAsync(context.User.Address()!, endpoint.Id, 500, cancellationToken);
        if (!ApiIds.TryParse(WebhookDeliveryView.Prefix, deliveryId, out var number) || !log.Any(d => d.Id == number)
            || !await deliveries.ResendAsync(context.User.Address()!, number, cancellationToken))
        {
            return ApiProblems.NotFound($"{id} has no delivery {deliveryId} among its latest 500.");
        }

        return Results.Accepted();
    }

    private static async Task<WebhookEndpoint?> FindAsync(string id, HttpContext context, EndpointStore endpoints, CancellationToken cancellationToken) =>
        ApiIds.TryParse(WebhookView.Prefix, id, out var number) ? await endpoints.FindAsync(context.User.Address()!, number, cancellationToken) : null;

    private static IResult NoWebhook(string id) => ApiProblems.NotFound($"You have no webhook endpoint {id}.");
}
