using Kakunin.Web.Ui.Language;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages;

/// <summary>The language switch's target: saves the choice and goes back to the page it came from.</summary>
[AllowAnonymous]
public sealed class LanguageModel(ILanguagePreference preference) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? lang, string? returnUrl, CancellationToken cancellationToken)
    {
        if (UiLanguages.TryParse(lang, out var language))
        {
            await preference.SaveAsync(HttpContext, language, cancellationToken);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
