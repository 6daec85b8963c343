using System.Buffers;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// Case-insensitive search for fixed ASCII phrases in a whole report's text. <c>string.Contains(…,
/// OrdinalIgnoreCase)</c> runs a character-at-a-time loop under invariant globalization; a
/// <see cref="SearchValues{T}"/> of the phrases is vectorised and looks for all of them in one pass
/// (docs/benchmarks.md §5).
/// </summary>
internal static class TextSearch
{
    /// <summary>The phrases, compiled once for <see cref="ContainsAny"/> (ignoring case, ordinal).</summary>
    public static SearchValues<string> Phrases(params string[] phrases) =>
        SearchValues.Create(phrases, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the text contains any of the phrases, ignoring case.</summary>
    public static bool ContainsAny(string? text, SearchValues<string> phrases) =>
        !string.IsNullOrEmpty(text) && text.AsSpan().IndexOfAny(phrases) >= 0;

    /// <summary>
    /// Whether a regex with <c>IgnoreCase | CultureInvariant</c> that can only match where one of the phrases
    /// occurs may match this text. A prefilter, so it must never say no where the regex would say yes: .NET's
    /// regex also equates a few non-ASCII letters with ASCII ones (the Kelvin sign with k), which an ordinal
    /// comparison does not, so text with any non-ASCII character is always "may match".
    /// </summary>
    public static bool MayMatch(string text, SearchValues<string> phrases) =>
        text.AsSpan().IndexOfAny(phrases) >= 0 || !System.Text.Ascii.IsValid(text);
}
