using Kakunin.Store;
using Kakunin.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Kakunin.Web.Pages.Contacts;

/// <summary>/contacts/new: adds a saved contact (an address collected before becomes saved with this name).</summary>
public sealed class NewModel(KakuninStore store, TimeProvider time, UiContext ui) : ContactFormModel(store, time, ui)
{
    public void OnGet([FromQuery] string? address) => Address = address;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Check())
        {
            return Page();
        }

        var change = await Book.AddAsync(User.Address()!, Address!, Name, Time.GetUtcNow(), cancellationToken);
        return change.Problem is { } problem ? Refused(problem) : LocalRedirect(ContactNotices.ListUrl(ContactNotices.Added, null));
    }
}
