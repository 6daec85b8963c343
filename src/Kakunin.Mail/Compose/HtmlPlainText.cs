using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Kakunin.Mail.Compose;

/// <summary>
/// The text/plain part of a formatted message (RFC 2046 §5.1.4: the alternatives say the same thing), written as a
/// person would type it: a line per line of the editor (div or br), a blank line around a paragraph (p, headings),
/// a bulleted item as "- ", a numbered one as "1. " (continuation lines indented under the text, nested lists
/// indented further), a quote as "> " (nested "&gt;&gt; ", as replies quote), a link as "text &lt;url&gt;" (just the
/// URL when the text is the URL; a mailto link shows the address), bold as *text* (read as emphasis by people and
/// by clients that show "structured text", Thunderbird among them), italic and everything else as the plain words.
/// Spaces collapse as HTML collapses them, except non-breaking ones (which the editor writes for typed runs of
/// spaces) and pre, which keep theirs.
/// </summary>
public static class HtmlPlainText
{
    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase) { "DIV", "LI", "TR", "CAPTION", "DT", "DD", "ADDRESS", "CENTER", "SECTION", "ARTICLE", "HEADER", "FOOTER", "NAV", "MAIN", "ASIDE", "FIGURE" };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase) { "P", "H1", "H2", "H3", "H4", "H5", "H6", "TABLE", "PRE", "DL" };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "SCRIPT", "STYLE", "HEAD", "TITLE", "TEMPLATE", "NOSCRIPT" };

    /// <summary>The text of an HTML fragment or document, lines separated by "\n".</summary>
    public static string Render(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var document = new HtmlParser().ParseDocument(html);
        var text = new TextLines();
        Flow(document.Body ?? (INode)document, text, new Context(Bold: false, Pre: false));
        return string.Join('\n', text.ToLines());
    }

    private readonly record struct Context(bool Bold, bool Pre);

    private static void Flow(INode parent, TextLines text, Context context)
    {
        foreach (var node in parent.ChildNodes)
        {
            switch (node)
            {
                case IText t:
                    text.Append(t.Data, context.Pre);
                    break;
                case IElement element:
                    Element(element, text, context);
                    break;
            }
        }
    }

    private static void Element(IElement element, TextLines text, Context context)
    {
        var tag = element.TagName;
        switch (tag)
        {
            case var _ when Skipped.Contains(tag):
                return;
            case "BR":
                text.Break();
                return;
            case "HR":
                text.AddLines(["----------"]);
                return;
            case "UL" or "OL":
                List(element, text, context, ordered: tag == "OL");
                return;
            case "BLOCKQUOTE":
                // As replies quote (ReplyBuilder): "> " before text, ">" before a line that is already quoted or empty.
                text.AddLines(Block(element, context).Select(l => ">" + (l.Length > 0 && l[0] != '>' ? " " : string.Empty) + l));
                return;
            case "A":
                Link(element, text, context);
                return;
            case "B" or "STRONG" when !context.Bold && !string.IsNullOrWhiteSpace(element.TextContent):
                text.Literal("*");
                Flow(element, text, context with { Bold = true });
                text.Literal("*");
                return;
            case "TD" or "TH":
                if (!text.AtLineStart)
                {
                    text.Literal("\t"); // as a browser copies a table row: cells separated by a tab
                }

                Flow(element, text, context);
                return;
            case var _ when Paragraphs.Contains(tag):
                text.Paragraph();
                Flow(element, text, context with { Pre = context.Pre || tag == "PRE" });
                text.Paragraph();
                return;
            case var _ when Lines.Contains(tag):
                text.EndLine();
                Flow(element, text, context);
                text.EndLine();
                return;
            default:
                Flow(element, text, context); // inline: i, em, u, s, code, span…
                return;
        }
    }

    private static void List(IElement list, TextLines text, Context context, bool ordered)
    {
        var number = 0;
        var items = new List<string>();
        foreach (var child in list.ChildNodes)
        {
            if (child is IText t && string.IsNullOrWhiteSpace(t.Data))
            {
                continue;
            }

            var marker = ordered ? $"{++number}. " : "- ";
            var lines = child is IElement element ? Block(element, context) : [Inline(child, context)];
            var indent = new string(' ', marker.Length);
            if (lines.Count == 0)
            {
                items.Add(marker.TrimEnd());
                continue;
            }

            items.Add(marker + lines[0]);
            items.AddRange(lines.Skip(1).Select(l => l.Length == 0 ? l : indent + l));
        }

        text.AddLines(items);
    }

    private static void Link(IElement anchor, TextLines text, Context context)
    {
        var inner = Inline(anchor, context);
        var href = anchor.GetAttribute("href")?.Trim();
        if (string.IsNullOrEmpty(href))
        {
            text.Literal(inner);
            return;
        }

        var shown = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href[7..] : href;
        if (inner.Length == 0 || string.Equals(inner, shown, StringComparison.OrdinalIgnoreCase) || string.Equals(inner, href, StringComparison.OrdinalIgnoreCase))
        {
            text.Literal(shown);
        }
        else
        {
            text.Literal(inner + " <" + shown + ">");
        }
    }

    // An element's content as lines of their own (for a list item or a quote).
    private static List<string> Block(IElement element, Context context)
    {
        var inner = new TextLines();
        Flow(element, inner, context);
        return inner.ToLines();
    }

    // A node's content on one line (a link's text).
    private static string Inline(INode node, Context context)
    {
        var inner = new TextLines();
        if (node is IText t)
        {
            inner.Append(t.Data, context.Pre);
        }
        else
        {
            Flow(node, inner, context);
        }

        return string.Join(' ', inner.ToLines().Where(l => l.Length > 0));
    }

    /// <summary>Lines being written, with HTML's space collapsing and the blank line a paragraph asks for.</summary>
    private sealed class TextLines
    {
        private readonly List<string> done = [];
        private readonly StringBuilder current = new();
        private bool pendingSpace;
        private bool blankBefore;

        public bool AtLineStart => current.Length == 0;

        public void Append(string data, bool pre)
        {
            foreach (var c in data)
            {
                if (pre && c == '\n')
                {
                    Break();
                }
                else if (pre && c == '\r')
                {
                    continue;
                }
                else if (!pre && c is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    pendingSpace = current.Length > 0;
                }
                else
                {
                    Char(c == '\u00A0' ? ' ' : c);
                }
            }
        }

        public void Literal(string value)
        {
            foreach (var c in value)
            {
                Char(c);
            }
        }

        public void Break()
        {
            Blank();
            done.Add(current.ToString().TrimEnd());
            current.Clear();
            pendingSpace = false;
        }

        public void EndLine()
        {
            if (current.Length > 0)
            {
                Break();
            }

            pendingSpace = false;
        }

        public void Paragraph()
        {
            EndLine();
            blankBefore = done.Count > 0;
        }

        public void AddLines(IEnumerable<string> lines)
        {
            EndLine();
            foreach (var line in lines)
            {
                Blank();
                done.Add(line);
            }
        }

        public List<string> ToLines()
        {
            EndLine();
            var lines = done.Select(l => l.TrimEnd()).ToList();
            var start = lines.FindIndex(l => l.Length > 0);
            if (start < 0)
            {
                return [];
            }

            var end = lines.FindLastIndex(l => l.Length > 0);
            return lines[start..(end + 1)];
        }

        private void Char(char c)
        {
            if (current.Length == 0)
            {
                Blank();
            }
            else if (pendingSpace)
            {
                current.Append(' ');
            }

            pendingSpace = false;
            current.Append(c);
        }

        private void Blank()
        {
            if (blankBefore && done.Count > 0 && done[^1].Length > 0)
            {
                done.Add(string.Empty);
            }

            blankBefore = false;
        }
    }
}
