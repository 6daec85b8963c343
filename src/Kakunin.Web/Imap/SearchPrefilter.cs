using Kakunin.Imap.Search;

namespace Kakunin.Web.Imap;

/// <summary>
/// The part of a SEARCH key the store evaluates itself, as a prefilter that only narrows which rows are read: a UID
/// set that every match must be in (a <see cref="UidKey"/> at the top, or among the keys of a top-level AND). The
/// full key is still evaluated on every row read, so the prefilter can only save work, never change the result.
/// </summary>
public static class SearchPrefilter
{
    /// <summary>The UID ranges every match lies in, merged and ascending; null when the key does not restrict UIDs.</summary>
    public static IReadOnlyList<(uint First, uint Last)>? UidRanges(SearchKey key)
    {
        var uidKey = key switch
        {
            UidKey u => u,
            AndKey and => and.Keys.OfType<UidKey>().FirstOrDefault(),
            _ => null,
        };
        if (uidKey is null)
        {
            return null;
        }

        var merged = new List<(uint First, uint Last)>();
        foreach (var (first, last) in uidKey.Ranges.Select(r => (Math.Min(r.First, r.Last), Math.Max(r.First, r.Last))).OrderBy(r => r.Item1))
        {
            if (merged.Count > 0 && (ulong)merged[^1].Last + 1 >= first)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, last));
            }
            else
            {
                merged.Add((first, last));
            }
        }

        return merged;
    }
}
