using Kakunin.Store;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages;

/// <summary>
/// Sign-in with the store's address and password. One message for every failure, so the page does not tell
/// which addresses exist; attempts are limited per client address (<see cref="LoginThrottle"/>).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(KakuninStore store, LoginThrottle throttle, UiContext ui, TimeProvider time) : PageModel
{
    private const string Home = "/mail/Inbox";

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in; only paths on this server are followed (no open redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Address() is null ? Page() : LocalRedirect(Destination);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!throttle.TryAttempt(HttpContext.Connection.RemoteIpAddress))
        {
            // RFC 6585 §4: 429 with Retry-After; the window is one minute.
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Refuse(ui.Text.TooManySignInAttempts(throttle.AttemptsPerMinute));
        }

        if (string.IsNullOrWhiteSpace(Address) || string.IsNullOrEmpty(Password))
        {
            return Refuse(ui.Text.EnterAddressAndPassword);
        }

        var address = await store.Directory.VerifyPasswordAsync(Address, Password, cancellationToken);
        if (address is null)
        {
            return Refuse(ui.Text.WrongAddressOrPassword);
        }

        const string scheme = CookieAuthenticationDefaults.AuthenticationScheme;
        await HttpContext.SignInAsync(scheme, KakuninUser.Create(address, time.GetUtcNow(), scheme));
        return LocalRedirect(Destination);
    }

    private string Destination => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Home;

    private PageResult Refuse(string error)
    {
        Error = error;
        Password = null;
        return Page();
    }
}
