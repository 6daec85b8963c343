using Kakunin.Store;
using Kakunin.Store.Contacts;
using Kakunin.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Contacts;

/// <summary>
/// The address book (/contacts, issue 16 item 3): the signed-in person's contacts by name, a search (the same word
/// matching as the compose suggestions), and per contact Edit and Delete, or for a collected one Save and Forget.
/// Every action posts (with the antiforgery token), then redirects to the list with a notice (POST, then GET).
/// </summary>
public sealed class IndexModel(KakuninStore store, UiContext ui) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<Contact> Contacts { get; private set; } = [];

    public long Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public string? NoticeText { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken cancellationToken)
    {
        NoticeText = notice switch
        {
            ContactNotices.Added => ui.Text.ContactAddedNotice,
            ContactNotices.Updated => ui.Text.ContactUpdatedNotice,
            ContactNotices.Deleted => ui.Text.ContactDeletedNotice,
            ContactNotices.Kept => ui.Text.ContactKeptNotice,
            ContactNotices.Forgotten => ui.Text.ContactForgottenNotice,
            _ => null,
        };
        var page = await new ContactBook(store).ListAsync(User.Address()!, Query, PageSize, cancellationToken);
        (Contacts, Total) = (page.Contacts, page.Total);
    }

    public async Task<IActionResult> OnPostKeepAsync(long id, CancellationToken cancellationToken) =>
        Back(await new ContactBook(store).KeepAsync(User.Address()!, id, cancellationToken), ContactNotices.Kept);

    public async Task<IActionResult> OnPostForgetAsync(long id, CancellationToken cancellationToken) =>
        Back(await new ContactBook(store).DeleteAsync(User.Address()!, id, cancellationToken), ContactNotices.Forgotten);

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken) =>
        Back(await new ContactBook(store).DeleteAsync(User.Address()!, id, cancellationToken), ContactNotices.Deleted);

    // Someone else's id, or one already gone: the list again without a notice (never a word that it exists).
    private LocalRedirectResult Back(bool done, string notice) =>
        LocalRedirect(ContactNotices.ListUrl(done ? notice : null, Query));
}
