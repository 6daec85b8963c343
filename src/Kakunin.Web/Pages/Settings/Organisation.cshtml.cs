using Kakunin.Store;
using Kakunin.Store.Settings;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Settings;

/// <summary>
/// The organisation's rules, for administrators only (<c>kakunin user admin</c>; others get 403): whether read receipts
/// may go outside the organisation, and the settings new users start with.
/// </summary>
public sealed class OrganisationModel(KakuninStore store) : PageModel
{
    [BindProperty]
    public string Outside { get; set; } = OutsideReceipts.Allow;

    [BindProperty]
    public UserSettingsForm Defaults { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        if (!await store.Directory.IsAdminAsync(User.Address()!, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var organisation = await store.Settings.GetOrganisationAsync(cancellationToken);
        Outside = organisation.ReadReceiptsOutside;
        Defaults = UserSettingsForm.From(organisation.NewUserDefaults);
        Saved = saved == "1";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await store.Directory.IsAdminAsync(User.Address()!, cancellationToken))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        // An unknown rule is saved as the strictest one rather than ignored (see OrganisationRule.ToOverride).
        var rule = OutsideReceipts.IsValid(Outside) ? Outside : OutsideReceipts.Disabled;
        await store.Settings.SaveOrganisationAsync(new OrganisationSettings(rule, Defaults.ToSettings()), cancellationToken);
        return LocalRedirect("/settings/organisation?saved=1");
    }
}
