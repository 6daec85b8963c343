using Kakunin.Store;
using Kakunin.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Kakunin.Web.Pages.Contacts;

/// <summary>/contacts/{id}: changes a contact's name and address, or deletes it. Another user's id is a 404.</summary>
public sealed class EditModel(KakuninStore store, TimeProvider time, UiContext ui) : ContactFormModel(store, time, ui)
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await Book.GetAsync(User.Address()!, id, cancellationToken) is not { } contact)
        {
            return NotFound();
        }

        (ContactId, Name, Address) = (contact.Id, contact.Name, contact.Address);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        ContactId = id;
        if (!Check())
        {
            return Page();
        }

        var change = await Book.UpdateAsync(User.Address()!, id, Address!, Name, cancellationToken);
        if (change.Id is null)
        {
            return NotFound();
        }

        return change.Problem is { } problem ? Refused(problem) : LocalRedirect(ContactNotices.ListUrl(ContactNotices.Updated, null));
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken) =>
        await Book.DeleteAsync(User.Address()!, id, cancellationToken) ? LocalRedirect(ContactNotices.ListUrl(ContactNotices.Deleted, null)) : NotFound();
}
