using System.IO.Pipelines;
using System.Text;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Protocol;
using Kakunin.Imap.Search;

namespace Kakunin.Imap.Server;

/// <summary>SEARCH and UID SEARCH (RFC 9051 §6.4.4) with ESEARCH results (RFC 4731, RFC 9051 §7.3.4) and CONDSTORE MODSEQ.</summary>
public sealed partial class ImapSession
{
    private async ValueTask<ImapStep> SearchAsync(string tag, ImapParser p, PipeWriter w, bool uid, CancellationToken ct)
    {
        p.Space();
        List<string>? returns = null;
        if (p.TryWord("RETURN"))
        {
            // RFC 4731 §3: RETURN (MIN MAX COUNT ALL); an empty list means ALL.
            p.Space();
            p.Expect('(');
            returns = [];
            while (!p.TryTake(')'))
            {
                p.TryTake(' ');
                var option = p.Atom().ToUpperInvariant();
                if (option is not ("MIN" or "MAX" or "COUNT" or "ALL"))
                {
                    throw new ImapParseException($"Unsupported SEARCH return option {option}");
                }

                returns.Add(option);
            }

            if (returns.Count == 0)
            {
                returns.Add("ALL");
            }

            p.Space();
        }

        if (p.TryWord("CHARSET"))
        {
            p.Space();
            var charset = p.AString().ToUpperInvariant();
            p.Space();
            if (charset is not ("UTF-8" or "US-ASCII"))
            {
                return No(w, tag, "[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset"); // RFC 9051 §6.4.4
            }
        }

        var selected = _selected!;
        var parser = new SearchParser(p, (set, isUid) => UidKeyFor(set, isUid));
        var key = parser.Program();
        var found = await _backend.SearchAsync(User!, selected.FolderId, key, ct).ConfigureAwait(false);

        // Only messages the client has been told about (a new one comes with EXISTS after this command).
        var uids = found.Where(u => selected.Map.SeqOf(u) > 0).ToList();
        ulong? highestModSeq = null;
        if (parser.UsedModSeq && uids.Count > 0)
        {
            // RFC 7162 §3.1.5: the highest MODSEQ of the messages found.
            ulong max = 0;
            await foreach (var message in _backend.FetchAsync(User!, selected.FolderId, uids, ImapFetchParts.Metadata, ct).ConfigureAwait(false))
            {
                max = Math.Max(max, message.ModSeq);
            }

            highestModSeq = max;
        }

        var numbers = uid ? uids : uids.Select(u => (uint)selected.Map.SeqOf(u)).ToList();
        if (returns is null && !_rev2)
        {
            var line = new StringBuilder("* SEARCH");
            foreach (var n in numbers)
            {
                line.Append(' ').Append(n);
            }

            if (highestModSeq is { } m)
            {
                line.Append(" (MODSEQ ").Append(m).Append(')');
            }

            Line(w, line.ToString());
        }
        else
        {
            // RFC 9051 §7.3.4: IMAP4rev2 answers SEARCH with ESEARCH; without RETURN that is ALL.
            returns ??= ["ALL"];
            var line = new StringBuilder("* ESEARCH (TAG ");
            line.Append(EncodeTag(tag)).Append(')');
            if (uid)
            {
                line.Append(" UID");
            }

            if (numbers.Count > 0 && returns.Contains("MIN"))
            {
                line.Append(" MIN ").Append(numbers[0]);
            }

            if (numbers.Count > 0 && returns.Contains("MAX"))
            {
                line.Append(" MAX ").Append(numbers[^1]);
            }

            if (returns.Contains("COUNT"))
            {
                line.Append(" COUNT ").Append(numbers.Count);
            }

            if (numbers.Count > 0 && returns.Contains("ALL"))
            {
                line.Append(" ALL ").Append(SequenceSet.Format(numbers));
            }

            if (highestModSeq is { } m)
            {
                line.Append(" MODSEQ ").Append(m);
            }

            Line(w, line.ToString());
        }

        return Ok(w, tag, "Search completed");
    }

    private static string EncodeTag(string tag) => "\"" + tag.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // Sequence numbers become the UIDs they stand for; consecutive numbers are consecutive map entries.
    private UidKey UidKeyFor(SequenceSet set, bool uid)
    {
        var map = _selected!.Map;
        var result = new List<UidRange>();
        if (uid)
        {
            foreach (var range in set.Normalise(map.MaxUid))
            {
                result.Add(new UidRange(range.First, range.Last));
            }

            return new UidKey(result);
        }

        foreach (var range in set.Normalise((uint)map.Count))
        {
            if (range.First == 0 || range.First > map.Count)
            {
                continue; // RFC 9051 §6.4.4: a search for numbers beyond the mailbox simply matches nothing
            }

            var last = (int)Math.Min(range.Last, (uint)map.Count);
            result.Add(new UidRange(map.UidAt((int)range.First), map.UidAt(last)));
        }

        return new UidKey(result);
    }
}
