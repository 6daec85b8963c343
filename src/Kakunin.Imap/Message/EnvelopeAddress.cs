using System.Text;

namespace Kakunin.Imap.Message;

/// <summary>
/// One ENVELOPE address (RFC 9051 §7.5.2): (name adl mailbox host). A group start has only mailbox (the group's
/// name) and a group end has nothing. Text is raw header octets as Latin-1 byte strings.
/// </summary>
internal readonly record struct EnvelopeAddress(string? Name, string? Route, string? Mailbox, string? Host)
{
    // One reusable builder per method and thread (none of these methods calls itself): an ENVELOPE of 10,000 messages
    // parses tens of thousands of addresses, and a new builder for each part of each one was most of FETCH's garbage.
    [ThreadStatic]
    private static StringBuilder? routeText;
    [ThreadStatic]
    private static StringBuilder? localText;
    [ThreadStatic]
    private static StringBuilder? domainText;

    public static EnvelopeAddress GroupEnd => default;

    private static StringBuilder Reused(ref StringBuilder? builder) => (builder ??= new StringBuilder(64)).Clear();

    /// <summary>
    /// Parses an address list (RFC 5322 §3.4) leniently, as Dovecot does for ENVELOPE: display names are the
    /// phrase's words joined by one space (encoded-words left as they are), or a trailing comment when there is no
    /// phrase; a missing local part or domain is filled with MISSING_MAILBOX / MISSING_DOMAIN.
    /// </summary>
    public static List<EnvelopeAddress> ParseList(byte[] value)
    {
        var result = new List<EnvelopeAddress>();
        var tokens = new HeaderTokenizer(value);
        var inGroup = false;
        while (true)
        {
            tokens.SkipCfws();
            if (tokens.AtEnd)
            {
                break;
            }

            var c = tokens.Current;
            if (c == ',')
            {
                tokens.Position++;
                continue;
            }

            if (c == ';')
            {
                tokens.Position++;
                if (inGroup)
                {
                    result.Add(GroupEnd);
                    inGroup = false;
                }

                continue;
            }

            var start = tokens.Position;
            if (!TryReadMailboxOrGroup(ref tokens, result, ref inGroup) && tokens.Position == start)
            {
                // Unreadable octet: skip it so the parse always moves on.
                tokens.Position++;
            }
        }

        if (inGroup)
        {
            result.Add(GroupEnd);
        }

        return result;
    }

    private static bool TryReadMailboxOrGroup(ref HeaderTokenizer tokens, List<EnvelopeAddress> result, ref bool inGroup)
    {
        var phrase = ReadPhrase(ref tokens, out var comment);
        tokens.SkipCfws();
        if (!tokens.AtEnd && tokens.Current == ':' && !inGroup && phrase.Words.Count > 0)
        {
            // group = display-name ":" [group-list] ";"
            tokens.Position++;
            result.Add(new EnvelopeAddress(null, null, phrase.Joined, null));
            inGroup = true;
            return true;
        }

        if (!tokens.AtEnd && tokens.Current == '<')
        {
            tokens.Position++;
            var route = ReadRoute(ref tokens);
            var (mailbox, host) = ReadAddrSpec(ref tokens);
            tokens.SkipCfws();
            if (!tokens.AtEnd && tokens.Current == '>')
            {
                tokens.Position++;
            }

            result.Add(new EnvelopeAddress(phrase.Words.Count > 0 ? phrase.Joined : null, route, mailbox ?? "MISSING_MAILBOX", host ?? "MISSING_DOMAIN"));
            return true;
        }

        // addr-spec: what was read as a phrase is the local part (words joined by dots).
        string? local = phrase.Words.Count > 0 ? phrase.LocalPart : null;
        string? domain = null;
        if (!tokens.AtEnd && tokens.Current == '@')
        {
            tokens.Position++;
            domain = ReadDomain(ref tokens, out var domainComment);
            comment = domainComment ?? comment;
        }

        // addr-spec (comment): the comment is the name, as Dovecot and most readers take it.
        var trailing = tokens.SkipCfws() ?? comment;
        if (local is null && domain is null)
        {
            return false;
        }

        result.Add(new EnvelopeAddress(trailing, null, local ?? "MISSING_MAILBOX", domain ?? "MISSING_DOMAIN"));
        return true;
    }

    private static Phrase ReadPhrase(ref HeaderTokenizer tokens, out string? comment)
    {
        var phrase = new Phrase();
        comment = null;
        while (true)
        {
            comment = tokens.SkipCfws() ?? comment;
            if (tokens.AtEnd)
            {
                break;
            }

            var c = tokens.Current;
            if (c == '"')
            {
                phrase.Add(tokens.ReadQuotedString(), dotBefore: false);
            }
            else if (c == '.')
            {
                tokens.Position++;
                phrase.DotPending = true;
            }
            else
            {
                var atom = tokens.ReadAtom();
                if (atom.Length == 0)
                {
                    break;
                }

                phrase.Add(atom, phrase.DotPending);
            }
        }

        return phrase;
    }

    private static string? ReadRoute(ref HeaderTokenizer tokens)
    {
        // obs-route = obs-domain-list ":" (RFC 5322 §4.4), e.g. <@a.example,@b.example:user@c.example>.
        tokens.SkipCfws();
        if (tokens.AtEnd || tokens.Current != '@')
        {
            return null;
        }

        var route = Reused(ref routeText);
        while (!tokens.AtEnd && tokens.Current is (byte)'@' or (byte)',')
        {
            if (tokens.Current == ',')
            {
                tokens.Position++;
                tokens.SkipCfws();
                continue;
            }

            tokens.Position++;
            if (route.Length > 0)
            {
                route.Append(',');
            }

            route.Append('@').Append(ReadDomain(ref tokens));
            tokens.SkipCfws();
        }

        if (!tokens.AtEnd && tokens.Current == ':')
        {
            tokens.Position++;
        }

        return route.ToString();
    }

    private static (string? Mailbox, string? Host) ReadAddrSpec(ref HeaderTokenizer tokens)
    {
        var local = Reused(ref localText);
        while (true)
        {
            tokens.SkipCfws();
            if (tokens.AtEnd)
            {
                break;
            }

            var c = tokens.Current;
            if (c == '"')
            {
                local.Append(tokens.ReadQuotedString());
            }
            else if (c == '.')
            {
                tokens.Position++;
                local.Append('.');
            }
            else
            {
                var atom = tokens.ReadAtom();
                if (atom.Length == 0)
                {
                    break;
                }

                local.Append(atom);
            }
        }

        string? host = null;
        if (!tokens.AtEnd && tokens.Current == '@')
        {
            tokens.Position++;
            host = ReadDomain(ref tokens);
        }

        return (local.Length == 0 ? null : local.ToString(), host);
    }

    private static string? ReadDomain(ref HeaderTokenizer tokens) => ReadDomain(ref tokens, out _);

    private static string? ReadDomain(ref HeaderTokenizer tokens, out string? comment)
    {
        comment = tokens.SkipCfws();
        if (!tokens.AtEnd && tokens.Current == '[')
        {
            return tokens.ReadDomainLiteral();
        }

        var domain = Reused(ref domainText);
        while (true)
        {
            comment = tokens.SkipCfws() ?? comment;
            if (tokens.AtEnd)
            {
                break;
            }

            if (tokens.Current == '.')
            {
                tokens.Position++;
                domain.Append('.');
                continue;
            }

            var atom = tokens.ReadAtom();
            if (atom.Length == 0)
            {
                break;
            }

            domain.Append(atom);
        }

        return domain.Length == 0 ? null : domain.ToString();
    }

    private sealed class Phrase
    {
        private readonly StringBuilder local = new();

        public List<string> Words { get; } = [];

        public bool DotPending { get; set; }

        public string Joined => string.Join(' ', Words);

        public string LocalPart => local.ToString();

        public void Add(string word, bool dotBefore)
        {
            // A display name keeps its dots and puts one space between words ("Mr. Smith", as Dovecot); the same
            // words read as a local part are joined by their dots ("first.last").
            if (dotBefore)
            {
                if (Words.Count > 0)
                {
                    Words[^1] += ".";
                }

                local.Append('.');
            }

            Words.Add(word);
            local.Append(word);
            DotPending = false;
        }
    }
}
