namespace Kakunin.Imap.Search;

/// <summary>Decides whether one message matches a SEARCH key (RFC 9051 §6.4.4). The reference every backend must agree with.</summary>
public static class SearchEvaluator
{
    /// <summary>Whether <paramref name="row"/> matches <paramref name="key"/>.</summary>
    public static bool Matches(SearchKey key, SearchRow row) => throw new NotImplementedException("written by the imap-message work");
}
