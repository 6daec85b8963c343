using Kakunin.Store.Security;
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
/// which addresses exist. The password goes through <see cref="PasswordSignIn"/>, whose throttle SMTP AUTH shares:
/// failures are answered later and later, then refused for a while (429) per account and per client address.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(PasswordSignIn signIn, SessionRevocations sessions, UiContext ui, TimeProvider time) : PageModel
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
        if (string.IsNullOrWhiteSpace(Address) || string.IsNullOrEmpty(Password))
        {
            return Refuse(ui.Text.EnterAddressAndPassword);
        }

        var result = await signIn.SignInAsync(Address, Password, HttpContext.Connection.RemoteIpAddress, "web", cancellationToken);
        if (result.RetryAfter is { } retryAfter)
        {
            // RFC 6585 §4: 429 Too Many Requests, with Retry-After in seconds (RFC 9110 §10.2.3).
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(ui.Text.TooManySignInAttempts((int)Math.Ceiling(retryAfter.TotalMinutes)));
        }

        if (result.Address is not { } address)
        {
            return Refuse(ui.Text.WrongAddressOrPassword);
        }

        const string scheme = CookieAuthenticationDefaults.AuthenticationScheme;
        await HttpContext.SignInAsync(scheme, KakuninUser.Create(address, time.GetUtcNow(), sessions.GenerationOf(address), scheme));
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
