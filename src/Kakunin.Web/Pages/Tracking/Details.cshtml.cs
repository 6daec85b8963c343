using Kakunin.Store;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Tracking;

/// <summary>One sent message's tracking on a page of its own (linked from the Tracking page's rows): the same tab as the message page shows.</summary>
public sealed class DetailsModel(TrackingTabLoader loader) : PageModel
{
    public TrackingTabModel Tab { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await loader.ByTrackingIdAsync(User.Address()!, id, cancellationToken) is not { } tab)
        {
            return NotFound();
        }

        Tab = tab;
        return Page();
    }

    public string? SentUrl => Tab.Message.SentMessageId is { } sent ? TrackingUrls.Message(MailFolders.Sent, sent) : null;
}
