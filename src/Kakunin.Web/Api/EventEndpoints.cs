using Kakunin.Store;
using Kakunin.Tracking.Events;
using Kakunin.Web.Ui;

namespace Kakunin.Web.Api;

/// <summary>
/// <c>GET /api/v1/events?after=evt_…&amp;limit=…</c>: the pull feed of the token user's tracking events, the same
/// events (and the same JSON) the webhooks carry. The cursor is the plain event id (evt_…), documented as opaque.
/// </summary>
public static class EventEndpoints
{
    public const int DefaultLimit = 100;

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/events", ListAsync)
            .WithName("ListEvents")
            .WithSummary("Tracking events after a cursor, oldest first (the webhooks' events, pulled)")
            .Produces<EventFeedView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ListAsync(HttpContext context, KakuninStore store, string? after, int? limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        EventPage page;
        try
        {
            page = await EventPayloadReader.ReadAfterAsync(connection, context.User.Address()!, after, limit ?? DefaultLimit, cancellationToken);
        }
        catch (FormatException)
        {
            return ApiProblems.BadRequest("invalid-cursor", $"after '{after}' is not an event id (evt_…) this feed gave; leave it out to start from the first event.");
        }

        return ApiJson.Ok(new EventFeedView(page.Events, page.NextCursor, page.HasMore));
    }
}
