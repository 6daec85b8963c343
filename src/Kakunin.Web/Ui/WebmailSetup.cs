using Kakunin.Web.Mail;
using Kakunin.Web.Ui.Language;
using Kakunin.Web.Ui.Security;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace Kakunin.Web.Ui;

/// <summary>The webmail's services and middleware, kept out of KakuninServer so the host stays readable.</summary>
public static class WebmailSetup
{
    public const string SessionCookie = "kakunin-session";

    public const string AntiforgeryCookie = "kakunin-antiforgery";

    /// <summary>How long a session cookie lives without use (sliding); also how long a sign-out is remembered.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddKakuninWebmail(this IServiceCollection services, KakuninOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Cookie keys live in the store, key files of older versions imported (DataProtectionKeys).
        services.AddKakuninDataProtection(options.DataDirectory);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.HttpOnly = true;
            // Lax: a link into Kakunin from another site opens signed in, but no other site can POST as the user.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/login";
            cookie.ReturnUrlParameter = "returnUrl";
            // Every request: a session signed out (here or everywhere) is refused even if its cookie is a copy.
            // SessionRevocations answers from memory (no database read per request).
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>();
                if (context.Principal is null || !sessions.IsValid(context.Principal))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });

        // Everything needs a signed-in user unless it says otherwise ([AllowAnonymous]: sign-in, language,
        // /health, /metrics); /assets/ is served before authorization runs.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Razor Pages check the antiforgery token on every POST by default; this only names the cookie.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookie;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // The pages are compiled into this assembly, but the entry assembly is the kakunin command, which
        // MVC's discovery does not look through: add this assembly's parts (through the factory the Razor SDK
        // names in it, which also yields the compiled pages), once.
        var assembly = typeof(WebmailSetup).Assembly;
        services.AddRazorPages(pages => pages.Conventions.ConfigureFilter(new NavigationOnlyPageFilter())).ConfigureApplicationPartManager(parts =>
        {
            if (!parts.ApplicationParts.Any(p => p is AssemblyPart a && a.Assembly == assembly))
            {
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });

        // Write Japanese as characters rather than &#x...; escapes (still escaping <, >, &, quotes).
        services.Configure<WebEncoderOptions>(encoder => encoder.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddScoped<UiContext>();
        services.AddSingleton<WebAssets>();
        services.AddKakuninTrackingPages();
        // Replaceable by the settings pages: TryAdd, so registering theirs first or later both work.
        services.TryAddSingleton<ILanguagePreference, CookieLanguagePreference>();
        services.AddKakuninMail();
        return services;
    }

    /// <summary>The middleware, in order, and the pages. Call before mapping other endpoints.</summary>
    public static WebApplication UseKakuninWebmail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeaders>();
        // An error status with an empty body (404 from a page, 500 from an exception) is shown as a page in
        // the reader's language. A re-executed POST meets the antiforgery check again and stays a bare 400.
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseStaticFiles(app.Services.GetRequiredService<WebAssets>().StaticFileOptions());
        app.UseRouting();
        // An asset that does not exist is a 404 for everyone, not a redirect to the sign-in page.
        app.MapGet(WebAssets.RequestPath + "/{**name}", () => Results.NotFound()).AllowAnonymous();
        app.UseAuthentication();
        app.UseMiddleware<UiLanguageMiddleware>();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapMessageEndpoints();
        return app;
    }
}
