namespace Kakunin.Store.Search;

/// <summary>
/// Where a match starts and ends in a hit's subject and snippet: two private-use characters (Unicode §23.5), which
/// mail text has no business containing. The page HTML-encodes the whole text first and only then turns these into
/// &lt;mark&gt;, so nothing from a message can become markup. Any that a message did contain are removed on indexing.
/// </summary>
public static class SearchMarkers
{
    public const char Start = '\uE000';

    public const char End = '\uE001';

    internal static string Strip(string text) =>
        text.Replace(Start.ToString(), string.Empty, StringComparison.Ordinal).Replace(End.ToString(), string.Empty, StringComparison.Ordinal);
}
