using Microsoft.Net.Http.Headers;

namespace Kakunin.Web.Ui.Language;

/// <summary>Picks a UI language from an Accept-Language header (RFC 9110 §12.5.4).</summary>
public static class AcceptLanguage
{
    /// <summary>
    /// The supported language the browser prefers most (highest q; ties keep the header's order), or null when
    /// the header names none of them. "fr, ja;q=0.5" gives Japanese: French is not offered, Japanese is the
    /// best of what is. A q of 0 means "not acceptable" and is skipped.
    /// </summary>
    public static UiLanguage? Choose(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var values))
        {
            return null;
        }

        UiLanguage? best = null;
        var bestQuality = 0.0;
        foreach (var value in values)
        {
            var quality = value.Quality ?? 1.0;
            if (quality > bestQuality && UiLanguages.TryParse(value.Value.Value, out var language))
            {
                best = language;
                bestQuality = quality;
            }
        }

        return best;
    }
}
