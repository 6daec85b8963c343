using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages;

/// <summary>
/// Sign-out is a POST (with the antiforgery token), so that no link or image on another site can sign a person
/// out; a GET only asks. Signing out revokes the session on the server (<see cref="SessionRevocations"/>), so a
/// copy of the cookie stops working too; "sign out everywhere" revokes every session of the user.
/// </summary>
public sealed class LogoutModel(SessionRevocations sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sessions.RevokeAsync(User, WebmailSetup.SessionLifetime, cancellationToken);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Login");
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        if (User.Address() is { } address)
        {
            await sessions.RevokeAllAsync(address, cancellationToken);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Login");
    }
}
