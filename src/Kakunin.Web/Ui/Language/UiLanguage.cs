namespace Kakunin.Web.Ui.Language;

/// <summary>The languages of the web UI. English is the fallback.</summary>
public enum UiLanguage
{
    En,
    Ja,
}

/// <summary>BCP 47 tags of <see cref="UiLanguage"/>, for <c>&lt;html lang&gt;</c>, cookies and Accept-Language.</summary>
public static class UiLanguages
{
    public static IReadOnlyList<UiLanguage> All { get; } = [UiLanguage.En, UiLanguage.Ja];

    public static string Tag(this UiLanguage language) => language == UiLanguage.Ja ? "ja" : "en";

    /// <summary>The language's own name, shown in the language switch whatever the current language is.</summary>
    public static string Endonym(this UiLanguage language) => language == UiLanguage.Ja ? "日本語" : "English";

    /// <summary>Parses "en" or "ja", or a longer tag with a region or script ("ja-JP", "en-GB").</summary>
    public static bool TryParse(string? tag, out UiLanguage language)
    {
        language = UiLanguage.En;
        if (string.IsNullOrWhiteSpace(tag))
        {
            return false;
        }

        var primary = tag.Trim().Split('-', 2)[0];
        if (primary.Equals("ja", StringComparison.OrdinalIgnoreCase))
        {
            language = UiLanguage.Ja;
            return true;
        }

        return primary.Equals("en", StringComparison.OrdinalIgnoreCase);
    }
}
