namespace Kakunin.Imap.Search;

/// <summary>Decides whether one message matches a SEARCH key (RFC 9051 §6.4.4). The reference every backend must agree with.</summary>
/// <remarks>
/// Strings match as case-insensitive substrings (ordinal, Unicode simple case folding: works for Japanese, where
/// case does not apply, and for Latin, Greek and Cyrillic). Dates compare calendar days in the date's own offset
/// (RFC 9051 §6.4.4: "disregarding time and timezone"). A key that needs the message's bytes reads them from
/// <see cref="SearchRow.Content"/>, parsed once per call.
/// </remarks>
public static class SearchEvaluator
{
    /// <summary>Whether <paramref name="row"/> matches <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key needs the message's bytes and the row has none.</exception>
    public static bool Matches(SearchKey key, SearchRow row)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(row);
        if (key.NeedsContent && row.Content is null)
        {
            throw new ArgumentException("The key reads the message's bytes (NeedsContent) but the row carries no Content.", nameof(row));
        }

        return Evaluate(key, row, new SearchContent(row.Content));
    }

    private static bool Evaluate(SearchKey key, SearchRow row, SearchContent content) => key switch
    {
        AllKey => true,
        AndKey and => and.Keys.All(k => Evaluate(k, row, content)),
        OrKey or => Evaluate(or.Left, row, content) || Evaluate(or.Right, row, content),
        NotKey not => !Evaluate(not.Inner, row, content),
        FlagKey flag => HasFlag(row.Flags, flag.Flag) == flag.IsSet,
        UidKey uid => uid.Ranges.Any(r => row.Uid >= Math.Min(r.First, r.Last) && row.Uid <= Math.Max(r.First, r.Last)),
        HeaderKey header => MatchesHeader(header, row, content),
        TextKey text => MatchesText(text, content),
        DateKey date => MatchesDate(date, row),

        // RFC 9051 §6.4.4: LARGER is "larger than", SMALLER "smaller than" the RFC822.SIZE: both strict.
        SizeKey size => size.Larger ? row.Size > size.Size : row.Size < size.Size,

        // RFC 7162 §3.1.5: "mod-sequence ... greater than or equal to".
        ModSeqKey modSeq => row.ModSeq >= modSeq.Min,
        _ => throw new ArgumentException($"Unknown search key {key.GetType().Name}.", nameof(key)),
    };

    // System flags and keywords alike compare without regard to case (RFC 9051 §2.3.2 defines flags as atoms; Dovecot
    // looks keywords up case-insensitively).
    private static bool HasFlag(IReadOnlyList<string> flags, string flag)
    {
        foreach (var f in flags)
        {
            if (string.Equals(f, flag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesHeader(HeaderKey key, SearchRow row, SearchContent content)
    {
        // Subject, From and To come from the decoded summary the store keeps (null: the message has no such field).
        string? summary = null;
        var fromSummary = !key.NeedsContent;
        if (fromSummary)
        {
            summary = key.Field.ToUpperInvariant() switch
            {
                "SUBJECT" => row.Subject,
                "FROM" => row.From,
                _ => row.To,
            };
        }

        if (fromSummary)
        {
            // RFC 9051 §6.4.4 HEADER: "If the string to search is zero-length, this matches all messages that have a
            // header line with the specified field-name regardless of the contents."
            return summary is not null && Contains(summary, key.Value);
        }

        foreach (var value in content.HeaderValues(key.Field))
        {
            if (Contains(value, key.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesText(TextKey key, SearchContent content)
    {
        if (!key.BodyOnly && content.HeaderText().Any(v => Contains(v, key.Value)))
        {
            return true;
        }

        return content.BodyTexts().Any(t => Contains(t, key.Value));
    }

    private static bool MatchesDate(DateKey key, SearchRow row)
    {
        DateTimeOffset? when = key.SentDate ? row.SentDate : row.InternalDate;
        if (when is null)
        {
            // No (parsable) Date field: no SENT* key matches (NOT SENTBEFORE does).
            return false;
        }

        // The calendar day in the date's own offset, as Dovecot and RFC 9051 §6.4.4 ("disregarding time and timezone").
        var day = DateOnly.FromDateTime(when.Value.DateTime);
        return key.Comparison switch
        {
            Comparison.Before => day < key.Day,
            Comparison.On => day == key.Day,
            _ => day >= key.Day,
        };
    }

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
