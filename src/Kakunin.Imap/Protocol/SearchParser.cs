using Kakunin.Imap.Search;

namespace Kakunin.Imap.Protocol;

/// <summary>
/// Reads a SEARCH program (RFC 9051 §6.4.4, RFC 7162 §3.1.5 MODSEQ) into a <see cref="SearchKey"/>. Sequence sets
/// are turned into UID sets by the caller's resolver. Nesting is bounded by <see cref="ImapParser.MaxDepth"/>.
/// </summary>
public sealed class SearchParser(ImapParser parser, Func<SequenceSet, bool, UidKey> resolve)
{
    private static readonly SearchKey Nothing = new NotKey(new AllKey());

    /// <summary>Whether a MODSEQ key appeared (the response then carries the highest MODSEQ, RFC 7162 §3.1.5).</summary>
    public bool UsedModSeq { get; private set; }

    /// <summary>Keys up to the end of the command (an implicit AND).</summary>
    public SearchKey Program()
    {
        var keys = new List<SearchKey> { Key(0) };
        while (!parser.AtEnd)
        {
            parser.Space();
            keys.Add(Key(0));
        }

        return keys.Count == 1 ? keys[0] : new AndKey(keys);
    }

    private SearchKey Key(int depth)
    {
        if (depth > ImapParser.MaxDepth)
        {
            throw new ImapParseException("Search program nested too deeply");
        }

        if (parser.TryTake('('))
        {
            var keys = new List<SearchKey> { Key(depth + 1) };
            while (!parser.TryTake(')'))
            {
                parser.Space();
                keys.Add(Key(depth + 1));
            }

            return keys.Count == 1 ? keys[0] : new AndKey(keys);
        }

        var c = parser.Peek();
        if (c is >= '0' and <= '9' or '*')
        {
            return resolve(parser.SequenceSet(), false);
        }

        if (c == '$')
        {
            throw new ImapParseException("SEARCHRES ($) is not supported");
        }

        var word = parser.Keyword().ToUpperInvariant();
        switch (word)
        {
            case "ALL": return new AllKey();
            case "ANSWERED": return new FlagKey(ImapFlags.Answered, true);
            case "UNANSWERED": return new FlagKey(ImapFlags.Answered, false);
            case "DELETED": return new FlagKey(ImapFlags.Deleted, true);
            case "UNDELETED": return new FlagKey(ImapFlags.Deleted, false);
            case "DRAFT": return new FlagKey(ImapFlags.Draft, true);
            case "UNDRAFT": return new FlagKey(ImapFlags.Draft, false);
            case "FLAGGED": return new FlagKey(ImapFlags.Flagged, true);
            case "UNFLAGGED": return new FlagKey(ImapFlags.Flagged, false);
            case "SEEN": return new FlagKey(ImapFlags.Seen, true);
            case "UNSEEN": return new FlagKey(ImapFlags.Seen, false);

            // The server never reports \Recent (RFC 9051 removed it; Kakunin's rev1 sessions show RECENT 0):
            // RECENT and NEW match nothing, OLD everything.
            case "RECENT": return Nothing;
            case "NEW": return Nothing;
            case "OLD": return new AllKey();
            case "KEYWORD": parser.Space(); return new FlagKey(Keyword(), true);
            case "UNKEYWORD": parser.Space(); return new FlagKey(Keyword(), false);
            case "BCC": return Header("Bcc");
            case "CC": return Header("Cc");
            case "FROM": return Header("From");
            case "TO": return Header("To");
            case "SUBJECT": return Header("Subject");
            case "HEADER":
                parser.Space();
                var field = parser.AString();
                parser.Space();
                return new HeaderKey(field, parser.AString());
            case "BODY": parser.Space(); return new TextKey(parser.AString(), BodyOnly: true);
            case "TEXT": parser.Space(); return new TextKey(parser.AString(), BodyOnly: false);
            case "BEFORE": return Date(Comparison.Before, false);
            case "ON": return Date(Comparison.On, false);
            case "SINCE": return Date(Comparison.Since, false);
            case "SENTBEFORE": return Date(Comparison.Before, true);
            case "SENTON": return Date(Comparison.On, true);
            case "SENTSINCE": return Date(Comparison.Since, true);
            case "LARGER": parser.Space(); return new SizeKey(parser.Number64() is var l && l > long.MaxValue ? long.MaxValue : (long)l, Larger: true);
            case "SMALLER": parser.Space(); return new SizeKey((long)parser.Number64(), Larger: false);
            case "UID": parser.Space(); return resolve(parser.SequenceSet(), true);
            case "NOT": parser.Space(); return new NotKey(Key(depth + 1));
            case "OR":
                parser.Space();
                var left = Key(depth + 1);
                parser.Space();
                return new OrKey(left, Key(depth + 1));
            case "MODSEQ":
                // RFC 7162 §3.1.5: MODSEQ [entry-name entry-type-req] mod-sequence-valzer; the entry is accepted and ignored.
                parser.Space();
                UsedModSeq = true;
                if (parser.Peek() == '"')
                {
                    parser.String();
                    parser.Space();
                    var type = parser.Atom().ToUpperInvariant();
                    if (type is not ("PRIV" or "SHARED" or "ALL"))
                    {
                        throw new ImapParseException("Invalid MODSEQ entry type");
                    }

                    parser.Space();
                }

                return new ModSeqKey(parser.Number64());
            default:
                throw new ImapParseException($"Unknown search key {word}");
        }
    }

    private string Keyword()
    {
        var flag = parser.Flag();
        return flag;
    }

    private HeaderKey Header(string field)
    {
        parser.Space();
        return new HeaderKey(field, parser.AString());
    }

    private DateKey Date(Comparison comparison, bool sent)
    {
        parser.Space();
        var text = parser.AString();
        var day = ImapDateTime.ParseDate(text) ?? throw new ImapParseException("Invalid date");
        return new DateKey(comparison, day, sent);
    }
}
