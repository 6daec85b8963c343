using Kakunin.Store;
using Kakunin.Web.Ui.Language;

namespace Kakunin.Web.Ui.Settings;

/// <summary>
/// The language a signed-in person chose (UserSettings.Language, saved by the settings page and by the language
/// switch), so it follows them to any browser; before sign-in, and for a person who chose "same as the browser",
/// the <see cref="CookieLanguagePreference"/> still answers, so the sign-in page speaks the last language used here.
/// </summary>
public sealed class StoreLanguagePreference(KakuninStore store, CookieLanguagePreference cookie) : ILanguagePreference
{
    public async ValueTask<UiLanguage?> GetAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Address() is { } address)
        {
            var settings = await store.Settings.GetUserAsync(address, cancellationToken);
            if (UiLanguages.TryParse(settings.Language, out var saved))
            {
                return saved;
            }
        }

        return await cookie.GetAsync(context, cancellationToken);
    }

    /// <summary>The language switch: the cookie, and for a signed-in person their settings too.</summary>
    public async ValueTask SaveAsync(HttpContext context, UiLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await cookie.SaveAsync(context, language, cancellationToken);
        if (context.User.Address() is { } address)
        {
            var settings = await store.Settings.GetUserAsync(address, cancellationToken);
            await store.Settings.SaveUserAsync(address, settings with { Language = language.Tag() }, cancellationToken);
        }
    }

    /// <summary>
    /// After the settings page saved a choice: the cookie follows it (so the sign-in page agrees), and "same as the
    /// browser" removes it.
    /// </summary>
    public async ValueTask FollowAsync(HttpContext context, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (UiLanguages.TryParse(language, out var chosen))
        {
            await cookie.SaveAsync(context, chosen, cancellationToken);
        }
        else
        {
            context.Response.Cookies.Delete(CookieLanguagePreference.CookieName, new CookieOptions { Path = "/" });
        }
    }
}
