using Kakunin.Tracking.Events;
using Kakunin.Store;
using Kakunin.Tracking;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Tracking;

namespace Kakunin.Web.Api;

/// <summary>
/// <c>GET /api/v1/messages/{id}</c> (per-recipient delivery and read state) and
/// <c>GET /api/v1/messages/{id}/evidence/{event}</c> (the report behind an event, as message/rfc822). Another
/// user's message is 404, exactly like one that does not exist: a token learns nothing of other users' mail.
/// </summary>
public static class MessageEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/messages/{id}", GetAsync)
            .WithName("GetMessage")
            .WithSummary("A sent message's delivery and read state, per recipient")
            .Produces<MessageView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/messages/{id}/evidence/{eventId}", EvidenceAsync)
            .WithName("GetEvidence")
            .WithSummary("The report (DSN or read receipt) behind an event, as it arrived")
            .Produces(StatusCodes.Status200OK, contentType: "message/rfc822")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, KakuninStore store, CancellationToken cancellationToken) =>
        await FindAsync(id, context, store, cancellationToken) is { } message
            ? ApiJson.Ok(MessageViews.From(message))
            : NoMessage(id);

    private static async Task<IResult> EvidenceAsync(string id, string eventId, HttpContext context, KakuninStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, context, store, cancellationToken) is not { } message)
        {
            return NoMessage(id);
        }

        if (!EventIds.TryParse(eventId, EventIds.EventPrefix, out var number) || message.Events.FirstOrDefault(e => e.Id == number) is not { } found)
        {
            return ApiProblems.NotFound($"{id} has no event {eventId}.");
        }

        return await ReportAsync(store, context.User.Address()!, TrackingEvidence.Parse(found.Evidence), cancellationToken) is { } report
            ? Results.Bytes(report, "message/rfc822", $"{eventId}.eml")
            : ApiProblems.NotFound($"No stored report is behind {eventId} (its evidence is this server's own word, or the report was deleted).");
    }

    // A report in the user's mailbox, or the DSN this server composed while it is still in the queue (docs/tracking.md, Evidence).
    internal static async Task<byte[]?> ReportAsync(KakuninStore store, string user, TrackingEvidence evidence, CancellationToken cancellationToken)
    {
        if (evidence.Kind == EvidenceKind.Message)
        {
            return await store.Mailboxes.GetAsync(user, evidence.MessageId, cancellationToken) is { } stored ? stored.Content.ToArray() : null;
        }

        return evidence.Kind == EvidenceKind.OwnDsn && await store.Queue.FindAsync(evidence.Text!, cancellationToken) is { } queued
            ? await store.Queue.GetContentAsync(queued.Message.Id, cancellationToken)
            : null;
    }

    private static async Task<TrackedMessage?> FindAsync(string id, HttpContext context, KakuninStore store, CancellationToken cancellationToken) =>
        EventIds.TryParse(id, EventIds.MessagePrefix, out var number)
            ? await new TrackingQueries(store).GetAsync(context.User.Address()!, number, cancellationToken)
            : null;

    private static IResult NoMessage(string id) => ApiProblems.NotFound($"You have no message {id}.");
}
