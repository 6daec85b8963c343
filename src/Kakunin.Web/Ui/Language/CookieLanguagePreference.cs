namespace Kakunin.Web.Ui.Language;

/// <summary>Keeps the chosen language in the <c>kakunin-lang</c> cookie for a year.</summary>
public sealed class CookieLanguagePreference : ILanguagePreference
{
    public const string CookieName = "kakunin-lang";

    public ValueTask<UiLanguage?> GetAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<UiLanguage?>(
            UiLanguages.TryParse(context.Request.Cookies[CookieName], out var language) ? language : null);
    }

    public ValueTask SaveAsync(HttpContext context, UiLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(CookieName, language.Tag(), new CookieOptions
        {
            // Only the server reads it; Lax so that following a link into Kakunin keeps the language.
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
            Path = "/",
        });
        return ValueTask.CompletedTask;
    }
}
