using Kakunin.Store;
using Kakunin.Tracking.Events;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Tracking;

namespace Kakunin.Web.Api;

/// <summary>
/// <c>GET /api/v1/events?after=evt_…&amp;limit=…</c>: the pull feed of the token user's tracking events, the same
/// events (and the same JSON) the webhooks carry. The cursor is the plain event id (evt_…), documented as opaque.
/// <c>GET /api/v1/events/{event}/evidence</c>: the report behind any of the user's events as message/rfc822, the
/// evidence_url of an unmatched report (which has no message to hang it under). Another user's event is 404.
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
        api.MapGet("/events/{eventId}/evidence", EvidenceAsync)
            .WithName("GetEventEvidence")
            .WithSummary("The report behind an event (a DSN, read receipt or bounce, also one tied to no message), as it arrived")
            .Produces(StatusCodes.Status200OK, contentType: "message/rfc822")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> EvidenceAsync(string eventId, HttpContext context, KakuninStore store, CancellationToken cancellationToken)
    {
        var user = context.User.Address()!;
        if (!EventIds.TryParseEvent(eventId, out var id))
        {
            return ApiProblems.NotFound($"You have no event {eventId}.");
        }

        (bool Found, string? Evidence) found;
        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken))
        {
            found = await EventPayloadReader.ReadEvidenceAsync(connection, user, id, cancellationToken);
        }

        if (!found.Found)
        {
            return ApiProblems.NotFound($"You have no event {eventId}.");
        }

        return await MessageEndpoints.ReportAsync(store, user, TrackingEvidence.Parse(found.Evidence), cancellationToken) is { } report
            ? Results.Bytes(report, "message/rfc822", $"{eventId}.eml")
            : ApiProblems.NotFound($"No stored report is behind {eventId} (its evidence is this server's own word, or the report was deleted).");
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
