using Kakunin.Store;
using Kakunin.Store.Mail;
using Kakunin.Tracking;
using Kakunin.Web.Mail;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Receipts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Mail;

/// <summary>
/// One folder: a page of its messages, newest first (<see cref="PageSize"/> a page), optionally filtered by
/// text in the subject, sender or recipients (the store's search: this folder only). In Sent, each row also
/// says how its recipients stand (<see cref="TrackingSummaryText"/>). Unknown folders are 404.
/// </summary>
public sealed class FolderModel(KakuninStore store, UiContext ui, ReadReceipts receipts) : PageModel
{
    public const int PageSize = 50;

    public string Folder { get; private set; } = string.Empty;

    public string? Query { get; private set; }

    public MessagePage Messages { get; private set; } = new([], 0, 1, PageSize);

    public IReadOnlyList<MessageRow> Rows { get; private set; } = [];

    public string? NoticeText { get; private set; }

    /// <summary>Sent and Drafts list the recipients, not the sender (always the reader there).</summary>
    public bool ShowsRecipients => Folder is MailFolders.Sent or MailFolders.Drafts;

    public async Task<IActionResult> OnGetAsync(string folder, [FromQuery(Name = "page")] int? pageNumber, string? q, string? notice, CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        folder = MailUrls.FolderFromRoute(folder);
        // "page" is a route value of Razor Pages itself (the page's name), hence the explicit query binding above.
        var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var found = await store.Mailboxes.ListPageAsync(address, folder, pageNumber ?? 1, PageSize, search, cancellationToken);
        if (found is null)
        {
            // Folder names are case-sensitive in the store; /mail/inbox finds Inbox rather than a 404.
            var counts = await store.Mailboxes.GetFolderCountsAsync(address, cancellationToken);
            return counts.FirstOrDefault(f => string.Equals(f.Name, folder, StringComparison.OrdinalIgnoreCase)) is { } match
                ? Redirect(MailUrls.Folder(match.Name) + Request.QueryString)
                : NotFound();
        }

        if (found.Page > found.PageCount)
        {
            // Past the end (messages were deleted, or a hand-made link): the last page instead of an empty one.
            found = await store.Mailboxes.ListPageAsync(address, folder, found.PageCount, PageSize, search, cancellationToken) ?? found;
        }

        Folder = folder;
        Query = search;
        Messages = found;
        NoticeText = Notice.Text(notice, ui.Text);
        var summaries = folder == MailFolders.Sent && found.Items.Count > 0
            ? await store.TrackingQueries.GetSummariesAsync(address, [.. found.Items.Select(i => i.Id)], cancellationToken)
            : null;
        Rows = [.. found.Items.Select(item => MessageRow.Create(item, folder, summaries?.GetValueOrDefault(item.Id), ui.Text))];
        return Page();
    }

    /// <summary>The link to another page of this list, keeping the search.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Query is not null)
        {
            query.Add("q=" + Uri.EscapeDataString(Query));
        }

        return MailUrls.Folder(Folder) + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
    }

    /// <summary>Delete from the list: see <see cref="TrashAction"/> (an unopened message may send "deleted").</summary>
    public Task<IActionResult> OnPostDeleteAsync(string folder, long id, CancellationToken cancellationToken) =>
        TrashAction.DeleteAsync(store, receipts, User.Address()!, id, ui.Language, cancellationToken);
}
