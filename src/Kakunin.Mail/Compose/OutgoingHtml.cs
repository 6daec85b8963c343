using AngleSharp.Dom;
using Ganss.Xss;

namespace Kakunin.Mail.Compose;

/// <summary>
/// The allow-list for HTML that leaves: what the webmail's editor posts, a reply's quote of a received message and
/// the API's "html". Stricter than what <see cref="Reading.MessageRenderer"/> lets a reader see: structure and
/// emphasis only (paragraphs, line breaks, bold, italic, lists, quotes, links, pre, tables); the one attribute is
/// <c>href</c>, and only http, https or mailto. No style, class, id or event handler, no image of any kind (a remote
/// one tells the sender when and where it was opened; we do not send tracking pixels either), no form, frame, script
/// or style sheet. An element not on the list is unwrapped (its text stays); script, style and the like go with
/// their content. The browser's editor is never trusted: the server runs this on whatever is posted.
/// </summary>
public static class OutgoingHtml
{
    /// <summary>The elements kept. Bold and italic as the editor writes them (b, i) and as mail often has them (strong, em).</summary>
    public static readonly IReadOnlySet<string> Elements = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "a", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "blockquote", "p", "div", "br", "pre", "code",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    };

    /// <summary>RFC 3986 schemes a link may have (RFC 6068 for mailto).</summary>
    public static readonly IReadOnlySet<string> Schemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    // Removed with everything inside them: their content is not text a person wrote.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
        "applet", "svg", "math", "select", "textarea", "button", "audio", "video", "canvas", "map",
    };

    // Elements that mean nothing without content once unwrapped or emptied: dropped when left empty.
    private static readonly HashSet<string> DroppedWhenEmpty = new(StringComparer.OrdinalIgnoreCase) { "A", "B", "STRONG", "I", "EM", "U", "S", "CODE" };

    /// <summary>The HTML made safe to send (a body fragment), or "" when nothing is left.</summary>
    public static string Sanitise(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Elements, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            KeepChildNodes = true,
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName))
            {
                e.Tag.TextContent = string.Empty;
            }
        };
        sanitizer.FilterUrl += (_, e) =>
        {
            // Only absolute links: a relative one would point into whatever site the reader's client runs on.
            e.SanitizedUrl = IsAllowedLink(e.OriginalUrl) ? e.OriginalUrl.Trim() : null;
        };
        sanitizer.PostProcessDom += (_, e) =>
        {
            foreach (var element in e.Document.Body?.QuerySelectorAll("*").Reverse().ToList() ?? [])
            {
                if (element.TagName == "A" && !element.HasAttribute("href"))
                {
                    Unwrap(element); // a link whose address was removed is just its text
                }
                else if (DroppedWhenEmpty.Contains(element.TagName) && element.ChildNodes.Length == 0)
                {
                    element.Remove();
                }
            }
        };

        return sanitizer.Sanitize(html).Trim();
    }

    /// <summary>True for an absolute http, https or mailto URL with something after the scheme.</summary>
    public static bool IsAllowedLink(string? url)
    {
        var value = url?.Trim() ?? string.Empty;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Schemes.Contains(value[..colon]) || value.Any(char.IsControl))
        {
            return false;
        }

        var rest = value[(colon + 1)..];
        return value[..colon].Equals("mailto", StringComparison.OrdinalIgnoreCase)
            ? rest.Contains('@', StringComparison.Ordinal)
            : rest.StartsWith("//", StringComparison.Ordinal) && rest.Length > 2 && Uri.TryCreate(value, UriKind.Absolute, out _);
    }

    /// <summary>
    /// True when sanitised HTML carries no formatting a text/plain message would lose: only text, line breaks and
    /// the div / p / br the editor writes for lines. Such a message is sent as text/plain alone.
    /// </summary>
    public static bool IsPlain(string sanitised)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + sanitised + "</body>");
        return document.Body!.QuerySelectorAll("*").All(e => e.TagName is "DIV" or "P" or "BR");
    }

    private static void Unwrap(IElement element)
    {
        var parent = element.Parent;
        if (parent is null)
        {
            return;
        }

        while (element.FirstChild is { } child)
        {
            parent.InsertBefore(child, element);
        }

        element.Remove();
    }
}
