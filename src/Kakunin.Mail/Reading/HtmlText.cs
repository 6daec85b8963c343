using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Kakunin.Mail.Reading;

/// <summary>
/// HTML to plain text for quoting an HTML-only message in a reply: AngleSharp (already here for the sanitiser)
/// parses; block elements and &lt;br&gt; become line breaks, scripts and styles are dropped. MimeKit 4 has no
/// HTML-to-text converter, hence this small walk.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "DIV", "LI", "TR", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "TABLE", "UL", "OL",
    };

    public static string Convert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document, text);
        return string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd())).Trim('\n');
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case IElement { TagName: "SCRIPT" or "STYLE" or "HEAD" }:
                    break;
                case IElement { TagName: "BR" }:
                    text.Append('\n');
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.TagName);
                    if (block && text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }

                    Walk(element, text);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }
}
