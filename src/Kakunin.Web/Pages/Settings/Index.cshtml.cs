using Kakunin.Store;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Settings;

/// <summary>A person's own settings: language, receipts requested on every message, how to answer read-receipt requests, filing of reports.</summary>
public sealed class IndexModel(KakuninStore store, StoreLanguagePreference language) : PageModel
{
    [BindProperty]
    public UserSettingsForm Form { get; set; } = new();

    public bool IsAdmin { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        Form = UserSettingsForm.From(await store.Settings.GetUserAsync(address, cancellationToken));
        IsAdmin = await store.Directory.IsAdminAsync(address, cancellationToken);
        Saved = saved == "1";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var settings = Form.ToSettings();
        await store.Settings.SaveUserAsync(User.Address()!, settings, cancellationToken);
        await language.FollowAsync(HttpContext, settings.Language, cancellationToken);
        // POST, then GET: a reload does not post again, and the next page is already in the chosen language.
        return LocalRedirect("/settings?saved=1");
    }
}
