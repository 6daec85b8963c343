using Kakunin.Store;
using Kakunin.Tracking;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Tracking;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Tracking;

/// <summary>
/// The Tracking page: every recipient of the user's sent mail, filtered (failed, delayed, delivered but unread
/// after N days, read), newest first, a page at a time.
/// </summary>
public sealed class IndexModel(KakuninStore store, TimeProvider time) : PageModel
{
    public TrackingQuery Query { get; private set; } = TrackingQuery.Parse(null, null, null);

    public TrackingPage Result { get; private set; } = null!;

    public IReadOnlyList<(TrackingRow Row, TrackingState Delivery, TrackingState? Read, FailureExplanation? Failure)> Rows { get; private set; } = [];

    public async Task OnGetAsync(string? filter, string? days, CancellationToken cancellationToken)
    {
        // "page" is a Razor Pages route value (the page's path), so it is read from the query string itself.
        Query = TrackingQuery.Parse(filter, days, Request.Query["page"]);
        Result = await store.TrackingQueries.GetPageAsync(
            User.Address()!, Query.Filter, TimeSpan.FromDays(Query.Days), Query.Page, TrackingQuery.PageSize, time.GetUtcNow(), cancellationToken);
        Rows = [.. Result.Rows.Select(row =>
        {
            var delivery = TrackedStates.Shown(row.Recipient.State);
            var failure = TrackedStates.IsProblem(delivery) ? FailureExplanation.For(delivery, row.Recipient.Status, row.Recipient.Diagnostic) : null;
            return (row, delivery, row.Recipient.ReadState, failure);
        })];
    }

    public long? Count(TrackingFilter filter) => Result.Counts.TryGetValue(filter, out var count) ? count : null;
}
