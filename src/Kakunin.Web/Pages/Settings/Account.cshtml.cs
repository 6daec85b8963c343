using Kakunin.Store;
using Kakunin.Store.Security;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Settings;

/// <summary>
/// The user's display name (the RFC 5322 display-name of their From) and a password change. The current password is
/// checked through <see cref="PasswordSignIn"/>, so guesses made here count against the same throttle as sign-in and
/// SMTP AUTH. A new password follows the rule of <c>kakunin user password</c> (not empty) and, through
/// <see cref="DirectoryRepository.SetPasswordAsync"/>, ends every session of the user; this one signs in again at once.
/// </summary>
public sealed class AccountModel(KakuninStore store, PasswordSignIn signIn, SessionRevocations sessions, UiContext ui, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? RepeatPassword { get; set; }

    public string? NameError { get; private set; }

    public string? PasswordError { get; private set; }

    /// <summary>"name" or "password" after a change (POST, then GET).</summary>
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        DisplayName = await store.Directory.GetDisplayNameAsync(User.Address()!, cancellationToken);
        Done = done is "name" or "password" ? done : null;
    }

    public async Task<IActionResult> OnPostNameAsync(CancellationToken cancellationToken)
    {
        var name = DisplayName?.Trim();
        if (name is not null && (name.Any(char.IsControl) || name.Length > DirectoryRepository.MaxDisplayNameLength))
        {
            NameError = ui.Text.DisplayNameInvalid(DirectoryRepository.MaxDisplayNameLength);
            return Page();
        }

        await store.Directory.SetDisplayNameAsync(User.Address()!, name, cancellationToken);
        return LocalRedirect("/settings/account?done=name");
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var address = User.Address()!;
        var text = ui.Text;
        DisplayName = await store.Directory.GetDisplayNameAsync(address, cancellationToken);
        var result = await signIn.SignInAsync(address, CurrentPassword ?? string.Empty, HttpContext.Connection.RemoteIpAddress, "web", cancellationToken);
        PasswordError = result.RetryAfter is { } retryAfter ? text.TooManySignInAttempts((int)Math.Ceiling(retryAfter.TotalMinutes))
            : result.Address is null ? text.PasswordWrongCurrent
            : string.IsNullOrEmpty(NewPassword) ? text.PasswordEmpty
            : !string.Equals(NewPassword, RepeatPassword, StringComparison.Ordinal) ? text.PasswordMismatch
            : null;
        if (PasswordError is not null)
        {
            CurrentPassword = NewPassword = RepeatPassword = null; // never sent back in the page
            return Page();
        }

        await store.Directory.SetPasswordAsync(address, NewPassword!, cancellationToken);
        // The new generation is in the store; this session takes it, every other one is now refused.
        await sessions.ReloadAsync(cancellationToken);
        await sessions.RevokeAsync(User, WebmailSetup.SessionLifetime, cancellationToken);
        const string scheme = CookieAuthenticationDefaults.AuthenticationScheme;
        await HttpContext.SignInAsync(scheme, KakuninUser.Create(address, time.GetUtcNow(), sessions.GenerationOf(address), scheme));
        return LocalRedirect("/settings/account?done=password");
    }
}
