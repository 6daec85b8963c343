using Kakunin.Web.Ui.Text;
using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>Small pieces of the tracking views that are easier to test as C# than as Razor.</summary>
public static class TrackingHtml
{
    /// <summary>The navigation icon of the Tracking page (same drawing rules as <see cref="UiIcons"/>): a route with a check.</summary>
    public static IHtmlContent Icon { get; } = new HtmlString(
        "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" fill=\"none\" stroke=\"currentColor\" " +
        "stroke-width=\"1.75\" stroke-linecap=\"round\" stroke-linejoin=\"round\" aria-hidden=\"true\" focusable=\"false\">" +
        "<circle cx=\"5\" cy=\"18\" r=\"2\"/><path d=\"M7 18h6a4 4 0 0 0 0-8H9a4 4 0 0 1 0-8h8\"/><path d=\"M16 15.5l2 2 4-4\"/></svg>");

    /// <summary>
    /// Evidence as a link to the report (a DSN or, for <paramref name="isRead"/>, an MDN in the mailbox), or as words:
    /// "Delivery report sent by this server", "Reported by mx.example.com", "no longer in your mailbox"; empty for none.
    /// </summary>
    public static IHtmlContent Evidence(EvidenceView evidence, UiText text, bool isRead = false)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(text);

        // Built, not formatted: the words and the URL are encoded when the page is written, by the page's encoder.
        var html = new HtmlContentBuilder(5);
        return evidence.Kind switch
        {
            EvidenceKind.Message when evidence.Url is { } url => html.AppendHtml("<a class=\"evidence-link\" href=\"").Append(url).AppendHtml("\">")
                .Append(isRead ? text.TrackEvidenceReadReport : text.TrackEvidenceReport).AppendHtml("</a>"),
            EvidenceKind.Message => Span(text.TrackEvidenceGone),
            EvidenceKind.OwnDsn => Span(text.TrackEvidenceOwnDsn),
            EvidenceKind.RemoteServer => Span(text.TrackEvidenceRemote(evidence.Server ?? string.Empty)),
            _ => html,
        };

        IHtmlContent Span(string words) => html.AppendHtml("<span class=\"evidence-text\">").Append(words).AppendHtml("</span>");
    }
}
