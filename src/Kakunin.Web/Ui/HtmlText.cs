using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui;

/// <summary>
/// Joins words and HTML (a <c>&lt;time&gt;</c> element, a link) into one piece of HTML, encoding the words: for
/// texts whose word order differs between languages around a value that is itself HTML
/// ("retrying until <i>time</i>" / "<i>time</i> まで再試行").
/// </summary>
public static class HtmlText
{
    /// <summary>Strings are HTML-encoded; <see cref="IHtmlContent"/> parts are kept as they are.</summary>
    public static IHtmlContent Join(params object[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var builder = new HtmlContentBuilder(parts.Length);
        foreach (var part in parts)
        {
            _ = part switch
            {
                IHtmlContent html => builder.AppendHtml(html),
                string text => builder.Append(text),
                _ => builder.Append(part?.ToString()),
            };
        }

        return builder;
    }
}
