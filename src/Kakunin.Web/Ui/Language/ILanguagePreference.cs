namespace Kakunin.Web.Ui.Language;

/// <summary>
/// Where a person's chosen UI language is kept. The default, <see cref="CookieLanguagePreference"/>, keeps it in
/// the <c>kakunin-lang</c> cookie; the settings page replaces it with one backed by the store (and may keep
/// the cookie too, so that the sign-in page already speaks the person's language).
/// Registered as a singleton: implementations must not hold per-request state.
/// </summary>
public interface ILanguagePreference
{
    /// <summary>The saved choice for this request's person, or null when they have not chosen.</summary>
    ValueTask<UiLanguage?> GetAsync(HttpContext context, CancellationToken cancellationToken);

    /// <summary>Saves a choice made with the language switch.</summary>
    ValueTask SaveAsync(HttpContext context, UiLanguage language, CancellationToken cancellationToken);
}
