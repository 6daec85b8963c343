using System.Globalization;
using System.Text.Encodings.Web;
using Kakunin.Web.Ui.Language;
using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui;

/// <summary>How much of an instant to show.</summary>
public enum UiTimeStyle
{
    DateTime,
    Date,
}

/// <summary>
/// Dates for people. The server does not know the reader's time zone, so it writes
/// <c>&lt;time datetime="2026-05-03T05:05:00Z" data-local="datetime"&gt;3 May 2026, 05:05 UTC&lt;/time&gt;</c>:
/// a machine-readable instant and a readable UTC text in the page's language. Assets/kakunin.js then rewrites
/// the text into the browser's time zone with Intl.DateTimeFormat; without script the UTC text stays, and says so.
/// Patterns are explicit because InvariantGlobalization is on: there is no Japanese culture data to ask.
/// </summary>
public static class UiTime
{
    private const string EnglishDateTime = "d MMM yyyy, HH:mm";
    private const string EnglishDate = "d MMM yyyy";
    private const string JapaneseDateTime = "yyyy'年'M'月'd'日' H:mm";
    private const string JapaneseDate = "yyyy'年'M'月'd'日'";

    /// <summary>The UTC text: "3 May 2026, 05:05 UTC" or "2026年5月3日 5:05 UTC"; dates alone carry no zone.</summary>
    public static string FormatUtc(DateTimeOffset value, UiLanguage language, UiTimeStyle style = UiTimeStyle.DateTime)
    {
        var utc = value.ToUniversalTime();
        var pattern = (language, style) switch
        {
            (UiLanguage.Ja, UiTimeStyle.Date) => JapaneseDate,
            (UiLanguage.Ja, _) => JapaneseDateTime,
            (_, UiTimeStyle.Date) => EnglishDate,
            _ => EnglishDateTime,
        };
        var text = utc.ToString(pattern, CultureInfo.InvariantCulture);
        return style == UiTimeStyle.Date ? text : text + " UTC";
    }

    /// <summary>ISO 8601 in UTC to the second, as the <c>datetime</c> attribute and JavaScript's Date want it.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static IHtmlContent Element(DateTimeOffset value, UiLanguage language, UiTimeStyle style)
    {
        var encoder = HtmlEncoder.Default;
        var kind = style == UiTimeStyle.Date ? "date" : "datetime";
        return new HtmlString(
            $"<time datetime=\"{Iso(value)}\" data-local=\"{kind}\">{encoder.Encode(FormatUtc(value, language, style))}</time>");
    }
}
