using System.Net;
using System.Text;
using Kakunin.Store.Search;
using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Mail;

/// <summary>
/// A search hit's marked text as HTML: the whole text HTML-encoded first, then the private-use markers
/// (<see cref="SearchMarkers"/>, which encoding leaves as they are) turned into &lt;mark&gt;. Nothing a message
/// contains can become markup; an unbalanced marker closes the mark at the end.
/// </summary>
public static class SearchHighlight
{
    public static IHtmlContent ToHtml(string marked)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var piece in Pieces(marked))
        {
            if (piece.Marker == SearchMarkers.Start && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if (piece.Marker == SearchMarkers.End && open)
            {
                html.Append("</mark>");
                open = false;
            }
            else if (piece.Marker is null)
            {
                html.Append(WebUtility.HtmlEncode(piece.Text));
            }
        }

        if (open)
        {
            html.Append("</mark>");
        }

        return new HtmlString(html.ToString());
    }

    private static IEnumerable<(char? Marker, string Text)> Pieces(string marked)
    {
        var start = 0;
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] is SearchMarkers.Start or SearchMarkers.End)
            {
                if (i > start)
                {
                    yield return (null, marked[start..i]);
                }

                yield return (marked[i], string.Empty);
                start = i + 1;
            }
        }

        if (start < marked.Length)
        {
            yield return (null, marked[start..]);
        }
    }
}
