namespace Kakunin.Imap.Protocol;

/// <summary>An inclusive range of a sequence set; <see cref="uint.MaxValue"/> stands for "*" until resolved.</summary>
public readonly record struct SequenceRange(uint First, uint Last);

/// <summary>
/// A parsed sequence set (RFC 9051 §9 sequence-set), as the client wrote it. Its size is bounded by the command line
/// limit; <see cref="Normalise"/> sorts and merges ranges, so "1:*,1:*,…" repeated thousands of times costs one range.
/// </summary>
public sealed record SequenceSet(IReadOnlyList<SequenceRange> Ranges)
{
    /// <summary>Whether "*" appears.</summary>
    public bool HasStar => Ranges.Any(r => r.Last == uint.MaxValue);

    /// <summary>
    /// The ranges with "*" replaced by <paramref name="star"/> (RFC 9051 §9: "*" is the largest number in use), and
    /// each range put in order (n:m and m:n are the same), sorted and merged.
    /// </summary>
    public List<SequenceRange> Normalise(uint star)
    {
        var resolved = new List<SequenceRange>(Ranges.Count);
        foreach (var r in Ranges)
        {
            var first = r.First == uint.MaxValue ? star : r.First;
            var last = r.Last == uint.MaxValue ? star : r.Last;
            resolved.Add(first <= last ? new SequenceRange(first, last) : new SequenceRange(last, first));
        }

        resolved.Sort((a, b) => a.First.CompareTo(b.First));
        var merged = new List<SequenceRange>();
        foreach (var r in resolved)
        {
            if (merged.Count > 0 && (ulong)merged[^1].Last + 1 >= r.First)
            {
                var last = merged[^1];
                merged[^1] = last with { Last = Math.Max(last.Last, r.Last) };
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>
    /// Writes numbers in the compact form (1:3,5) used by ESEARCH, COPYUID and VANISHED, joining only runs that go up by
    /// one, so the order is kept (COPYUID pairs source and target UIDs by position, RFC 4315 §3).
    /// </summary>
    public static string Format(IEnumerable<uint> sortedNumbers)
    {
        ArgumentNullException.ThrowIfNull(sortedNumbers);
        var builder = new System.Text.StringBuilder();
        uint? start = null;
        uint previous = 0;
        foreach (var n in sortedNumbers)
        {
            if (start is not null && n == previous + 1)
            {
                previous = n;
                continue;
            }

            Append(builder, start, previous);
            start = n;
            previous = n;
        }

        Append(builder, start, previous);
        return builder.ToString();

        static void Append(System.Text.StringBuilder builder, uint? start, uint end)
        {
            if (start is not { } s)
            {
                return;
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (end != s)
            {
                builder.Append(':').Append(end.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
