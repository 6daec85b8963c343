namespace Kakunin.Imap.Search;

/// <summary>
/// A parsed SEARCH program (RFC 9051 §6.4.4) after the session resolved sequence sets into UID sets. Keys that
/// RFC 9051 defines as shorthand are expressed through these (e.g. SEEN is <see cref="FlagKey"/>("\Seen", true);
/// FROM x is <see cref="HeaderKey"/>("From", x)). String matches are case-insensitive substring matches over the
/// decoded text (RFC 9051 §6.4.4: "the string is matched in a case-insensitive manner").
/// </summary>
public abstract record SearchKey
{
    /// <summary>Whether evaluating this key needs the message's bytes (header fields beyond the summary, body text).</summary>
    public abstract bool NeedsContent { get; }
}

/// <summary>ALL: every message.</summary>
public sealed record AllKey : SearchKey
{
    public override bool NeedsContent => false;
}

/// <summary>Every key in the list must match (the implicit AND of a SEARCH program, and parenthesised lists).</summary>
public sealed record AndKey(IReadOnlyList<SearchKey> Keys) : SearchKey
{
    public override bool NeedsContent => Keys.Any(k => k.NeedsContent);
}

/// <summary>OR a b.</summary>
public sealed record OrKey(SearchKey Left, SearchKey Right) : SearchKey
{
    public override bool NeedsContent => Left.NeedsContent || Right.NeedsContent;
}

/// <summary>NOT a.</summary>
public sealed record NotKey(SearchKey Inner) : SearchKey
{
    public override bool NeedsContent => Inner.NeedsContent;
}

/// <summary>A flag or keyword set (<paramref name="IsSet"/> true) or not set: SEEN/UNSEEN, KEYWORD/UNKEYWORD, and so on.</summary>
public sealed record FlagKey(string Flag, bool IsSet) : SearchKey
{
    public override bool NeedsContent => false;
}

/// <summary>A UID among the ranges (both bounds inclusive, resolved: no "*").</summary>
public sealed record UidKey(IReadOnlyList<UidRange> Ranges) : SearchKey
{
    public override bool NeedsContent => false;
}

/// <summary>An inclusive range of UIDs.</summary>
public readonly record struct UidRange(uint First, uint Last);

/// <summary>
/// HEADER field string, and FROM/TO/CC/BCC/SUBJECT. An empty <paramref name="Value"/> matches every message with
/// the field. Address fields match the field's decoded text (names and addresses).
/// </summary>
public sealed record HeaderKey(string Field, string Value) : SearchKey
{
    /// <summary>From, To and Subject are kept as summary columns; the rest needs the header.</summary>
    public override bool NeedsContent => !(Field.Equals("Subject", StringComparison.OrdinalIgnoreCase)
        || Field.Equals("From", StringComparison.OrdinalIgnoreCase)
        || Field.Equals("To", StringComparison.OrdinalIgnoreCase));
}

/// <summary>BODY string (<paramref name="BodyOnly"/>) or TEXT string (header and body), over decoded text parts.</summary>
public sealed record TextKey(string Value, bool BodyOnly) : SearchKey
{
    public override bool NeedsContent => true;
}

/// <summary>How a date or size is compared.</summary>
public enum Comparison
{
    Before,
    On,
    Since,
}

/// <summary>BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (the Date field), by calendar day.</summary>
public sealed record DateKey(Comparison Comparison, DateOnly Day, bool SentDate) : SearchKey
{
    public override bool NeedsContent => false;
}

/// <summary>LARGER n (<paramref name="Larger"/>) or SMALLER n, on the RFC 5322 size.</summary>
public sealed record SizeKey(long Size, bool Larger) : SearchKey
{
    public override bool NeedsContent => false;
}

/// <summary>MODSEQ n (RFC 7162 §3.1.5): messages whose MODSEQ is at least n.</summary>
public sealed record ModSeqKey(ulong Min) : SearchKey
{
    public override bool NeedsContent => false;
}
