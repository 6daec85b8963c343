using Kakunin.Tracking.Events;
using System.Globalization;
using Kakunin.Store;
using Kakunin.Tracking;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Tracking;

namespace Kakunin.Web.Api;

/// <summary>
/// <c>GET /api/v1/tracking?state=failed|delayed|unread|read&amp;since=…&amp;cursor=…</c>: the token user's recipients in
/// one of the Tracking page's lists, newest first, a page at a time, with the same queries as the page.
/// <c>since</c> (RFC 3339) stops the list at older entries. The cursor is opaque (base64url): the last entry's sort
/// key (<see cref="TrackingListCursor"/>), so entries added between two calls are neither skipped nor repeated; an
/// entry that changes state between two calls can still move (it leaves the list, or comes back at the top).
/// </summary>
public static class TrackingEndpoints
{
    public const int DefaultLimit = 50;

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/tracking", ListAsync)
            .WithName("ListTracking")
            .WithSummary("Recipients that failed, are delayed, are delivered but unread, or were read")
            .Produces<TrackingListView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, KakuninStore store, TimeProvider time, string? state, string? since, string? cursor, int? limit, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "unread_days")] int? unreadDays, CancellationToken cancellationToken)
    {
        TrackingFilter? filter = state switch
        {
            null or "" or "all" => TrackingFilter.All,
            "failed" => TrackingFilter.Failed,
            "delayed" => TrackingFilter.Delayed,
            "unread" => TrackingFilter.Unread,
            "read" => TrackingFilter.Read,
            _ => null,
        };
        if (filter is null)
        {
            return ApiProblems.BadRequest("invalid-parameter", $"state '{state}' is not one of failed, delayed, unread, read, all.");
        }

        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ApiProblems.BadRequest("invalid-parameter", $"since '{since}' is not an RFC 3339 time (e.g. 2026-12-06T21:00:00Z).");
            }

            from = parsed;
        }

        TrackingListCursor? after = null;
        if (cursor is not null && (after = TrackingListCursor.TryRead(cursor)) is null || after is not null && after.Filter != filter)
        {
            return ApiProblems.BadRequest("invalid-cursor", "cursor is not one this list gave (use next_cursor as it came, with the same state).");
        }

        var size = Math.Clamp(limit ?? DefaultLimit, 1, MailboxRepository.MaxPageSize);
        var days = Math.Clamp(unreadDays ?? TrackingUrls.DefaultDays, TrackingQuery.MinDays, TrackingQuery.MaxDays);
        var (rows, next) = await store.TrackingQueries.GetPageAfterAsync(context.User.Address()!, filter.Value, TimeSpan.FromDays(days), after, size, time.GetUtcNow(), cancellationToken);
        var items = new List<TrackingItemView>();
        var older = false;
        foreach (var row in rows)
        {
            // Every list is in order of its own time, newest first: the first entry older than since ends it.
            var at = filter == TrackingFilter.Read ? row.Recipient.ReadAt ?? row.Recipient.StateAt : filter == TrackingFilter.All ? row.SubmittedAt : row.Recipient.StateAt;
            if (from is { } f && at < f)
            {
                older = true;
                break;
            }

            items.Add(Item(row));
        }

        return ApiJson.Ok(new TrackingListView(items, next is not null && !older ? next.Write() : null));
    }

    private static TrackingItemView Item(TrackingRow row)
    {
        var r = row.Recipient;
        return new TrackingItemView(
            EventIds.Message(row.TrackingId), EventIds.Recipient(r.Id), r.Address, row.Subject, row.SubmittedAt,
            MessageViews.StateWord(r.State), r.StateAt, r.Status, MessageViews.Meaning(r.Status), r.Diagnostic,
            r.ReadState is { } read ? (read == TrackingState.Unknown ? "unknown" : read.Word()) : null, r.ReadAt, r.Provenance.Word());
    }

}
