using System.Text;

namespace Kakunin.Store.Search;

/// <summary>
/// A piece of a hit's body around its first match, cut from the body's marked text (the index's highlight()): what
/// FTS5's snippet() gives, without asking the index a second time. About <see cref="Before"/> characters before the
/// match and the rest up to <see cref="Length"/>, widened to whole words where the text has spaces (Japanese has none:
/// it is cut between characters), "…" where text was left out, and a mark never left open.
/// </summary>
internal static class SearchSnippet
{
    public const int Length = 120;

    public const int Before = 30;

    private const char Ellipsis = '…';

    public static string Around(string marked)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var text = Flatten(marked);
        var first = text.IndexOf(SearchMarkers.Start, StringComparison.Ordinal);
        var start = first <= Before ? 0 : WordStart(text, first - Before);
        var end = Math.Min(text.Length, start + Length);
        if (end < text.Length)
        {
            end = WordEnd(text, end);
        }

        var piece = new StringBuilder(end - start + 4);
        if (start > 0)
        {
            piece.Append(Ellipsis);
        }

        piece.Append(text, start, end - start);
        var opens = 0;
        for (var i = start; i < end; i++)
        {
            opens += text[i] == SearchMarkers.Start ? 1 : text[i] == SearchMarkers.End ? -1 : 0;
        }

        if (opens > 0)
        {
            piece.Append(SearchMarkers.End);
        }

        if (end < text.Length)
        {
            piece.Append(Ellipsis);
        }

        return piece.ToString().Trim();
    }

    // Line breaks and runs of spaces as one space: a snippet is one line of a result list.
    private static string Flatten(string text)
    {
        var flat = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space && flat.Length > 0)
            {
                flat.Append(' ');
            }

            space = false;
            flat.Append(ch);
        }

        return flat.ToString();
    }

    // Back to the start of the word at index (a space within 15 characters), else cut there; never inside a mark's opening.
    private static int WordStart(string text, int index)
    {
        var space = text.LastIndexOf(' ', index, Math.Min(index + 1, 15));
        var start = space >= 0 ? space + 1 : index;
        // Inside a marked match: start at its mark so the mark stays whole.
        var open = text.LastIndexOf(SearchMarkers.Start, start);
        var close = text.LastIndexOf(SearchMarkers.End, start);
        return open > close ? open : start;
    }

    // On to the end of the word at index (a space within 15 characters), else cut there.
    private static int WordEnd(string text, int index)
    {
        var space = text.IndexOf(' ', index, Math.Min(text.Length - index, 15));
        return space >= 0 ? space : index;
    }
}
