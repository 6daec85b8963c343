namespace Kakunin.Reports.Analysis;

/// <summary>
/// ASCII-only case folding for phrase search: the phrase tables are ASCII, so folding A–Z once per text and
/// searching ordinally gives the same answer as an OrdinalIgnoreCase search at a fraction of the cost.
/// </summary>
internal static class AsciiFold
{
    /// <summary>The text with A–Z lowered; every other character, ASCII or not, kept as it is.</summary>
    public static string ToLower(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange('A', 'Z');
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            // Vectorised over each ASCII run (Ascii.ToLowerInPlace stops at the first non-ASCII character, which is
            // kept as it is); this folds every report's whole readable text.
            var rest = span[state.first..];
            while (!rest.IsEmpty)
            {
                var other = rest.IndexOfAnyExceptInRange((char)0, (char)127);
                var run = other < 0 ? rest : rest[..other];
                System.Text.Ascii.ToLowerInPlace(run, out _);
                if (other < 0)
                {
                    break;
                }

                var next = rest[other..].IndexOfAnyInRange((char)0, (char)127);
                rest = next < 0 ? [] : rest[(other + next)..];
            }
        });
    }

    /// <summary>
    /// Whether <paramref name="folded"/> (a <see cref="ToLower"/> result) contains the phrase, ignoring ASCII case;
    /// null when the phrase has a non-ASCII character, whose case folding this does not know.
    /// </summary>
    public static bool? Contains(string folded, string phrase)
    {
        if (phrase.Length > 256 || !System.Text.Ascii.IsValid(phrase))
        {
            return null;
        }

        Span<char> lowered = stackalloc char[phrase.Length];
        System.Text.Ascii.ToLower(phrase, lowered, out _);
        return folded.AsSpan().IndexOf(lowered, StringComparison.Ordinal) >= 0;
    }
}
