using System.IO.Pipelines;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Message;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Server;

/// <summary>FETCH and UID FETCH (RFC 9051 §6.4.5), BINARY (RFC 3516), CHANGEDSINCE/VANISHED (RFC 7162).</summary>
public sealed partial class ImapSession
{
    private async ValueTask<ImapStep> FetchAsync(string tag, ImapParser p, PipeWriter w, bool uid, CancellationToken ct)
    {
        p.Space();
        var set = p.SequenceSet();
        p.Space();
        var request = FetchRequest.Parse(p);
        if (request.Vanished && (!uid || !_qresync))
        {
            throw new ImapParseException("VANISHED needs UID FETCH and ENABLE QRESYNC"); // RFC 7162 §3.2.6
        }

        if (request.ChangedSince is not null)
        {
            _condStore = true; // RFC 7162 §3.1: a CONDSTORE-enabling command
        }

        var selected = _selected!;
        var uids = Resolve(set, uid);
        var attributes = request.Attributes | (uid ? FetchAttributes.Uid : FetchAttributes.None);

        // RFC 9051 §6.4.5: BODY[...] without PEEK sets \Seen; the FETCH then carries the new FLAGS.
        HashSet<uint>? seenNow = null;
        if (request.SetsSeen && !selected.ReadOnly && uids.Length > 0)
        {
            var outcome = await _backend.StoreFlagsAsync(User!, selected.FolderId, uids, ImapFlagOperation.Add, [ImapFlags.Seen], null, ct).ConfigureAwait(false);
            seenNow = [.. outcome.Changed.Select(c => c.Uid)];
            foreach (var changed in outcome.Changed)
            {
                selected.Reported[changed.Uid] = changed.ModSeq;
            }
        }

        if (request.Vanished && request.ChangedSince is { } since)
        {
            var changes = await _backend.GetChangesAsync(User!, selected.FolderId, since, ct).ConfigureAwait(false);
            var ranges = set.Normalise(selected.Map.MaxUid);
            var vanished = changes?.Expunged.Where(u => ranges.Any(r => u >= r.First && u <= r.Last)).ToList() ?? [];
            if (vanished.Count > 0)
            {
                Line(w, $"* VANISHED (EARLIER) {SequenceSet.Format(vanished)}");
            }
        }

        string? failure = null;
        await foreach (var message in _backend.FetchAsync(User!, selected.FolderId, uids, request.Parts, ct).ConfigureAwait(false))
        {
            if (request.ChangedSince is { } changedSince && message.ModSeq <= changedSince)
            {
                continue;
            }

            var seq = selected.Map.SeqOf(message.Uid);
            if (seq == 0)
            {
                continue;
            }

            var items = attributes;
            if (seenNow?.Contains(message.Uid) == true)
            {
                items |= FetchAttributes.Flags;
            }

            failure ??= WriteFetch(w, seq, message, items, request.Sections);
            await MaybeFlushAsync(w, ct).ConfigureAwait(false);
        }

        return failure is null ? Ok(w, tag, "Fetch completed") : No(w, tag, failure);
    }

    // One "* n FETCH (...)" line with its literals. Returns a failure text (a tagged NO) or null.
    private string? WriteFetch(PipeWriter w, int seq, ImapMessageData message, FetchAttributes items, IReadOnlyList<FetchSection> sections)
    {
        string? failure = null;
        var first = true;
        Text(w, $"* {seq} FETCH (");
        void Item(string text)
        {
            Text(w, first ? text : " " + text);
            first = false;
        }

        if ((items & FetchAttributes.Uid) != 0)
        {
            Item($"UID {message.Uid}");
        }

        if ((items & FetchAttributes.Flags) != 0)
        {
            Item($"FLAGS ({string.Join(' ', message.Flags)})");
        }

        // RFC 7162 §3.1.4.1: after CONDSTORE, FLAGS go with MODSEQ.
        if ((items & FetchAttributes.ModSeq) != 0 || (_condStore && (items & FetchAttributes.Flags) != 0))
        {
            Item($"MODSEQ ({message.ModSeq})");
        }

        if ((items & FetchAttributes.InternalDate) != 0)
        {
            Item("INTERNALDATE " + ImapDateTime.Format(message.InternalDate));
        }

        if ((items & FetchAttributes.Size) != 0)
        {
            Item($"RFC822.SIZE {message.Size}");
        }

        if ((items & FetchAttributes.Envelope) != 0)
        {
            Item("ENVELOPE ");
            MessageStructure.WriteEnvelope(w, message.Header ?? message.Content ?? ReadOnlyMemory<byte>.Empty, Utf8);
        }

        if ((items & FetchAttributes.Body) != 0)
        {
            Item("BODY ");
            MessageStructure.WriteBodyStructure(w, message.Content ?? ReadOnlyMemory<byte>.Empty, extensible: false, Utf8);
        }

        if ((items & FetchAttributes.BodyStructure) != 0)
        {
            Item("BODYSTRUCTURE ");
            MessageStructure.WriteBodyStructure(w, message.Content ?? ReadOnlyMemory<byte>.Empty, extensible: true, Utf8);
        }

        foreach (var section in sections)
        {
            ReadOnlyMemory<byte> bytes;
            if (section.Binary)
            {
                var decoded = MessageSections.DecodeBinary(message.Content ?? ReadOnlyMemory<byte>.Empty, section.Spec.Part);
                if (decoded is null)
                {
                    failure ??= "[UNKNOWN-CTE] Unknown Content-Transfer-Encoding"; // RFC 3516 §4.3
                    continue;
                }

                bytes = decoded.Value;
            }
            else
            {
                bytes = SectionBytes(message, section.Spec);
            }

            if (section.SizeOnly)
            {
                Item($"{section.Name} {bytes.Length}");
                continue;
            }

            var name = section.Name;
            if (section.PartialStart is { } start)
            {
                // RFC 9051 §6.4.5: <origin.octets>; the response names the origin only.
                var from = (int)Math.Min(start, bytes.Length);
                var length = (int)Math.Min(section.PartialLength ?? long.MaxValue, bytes.Length - from);
                bytes = bytes.Slice(from, length);
                name += $"<{start}>";
            }

            Item(name + " ");
            if (section.Binary && bytes.Span.Contains((byte)0))
            {
                Text(w, "~"); // RFC 3516 §4.2: literal8 when the decoded content has NUL
            }

            ImapStrings.WriteLiteral(w, bytes.Span);
        }

        Text(w, ")\r\n");
        return failure;
    }

    // BODY[] is the whole message and BODY[HEADER] the header block, both as the backend gives them; the rest is cut by MessageSections.
    private static ReadOnlyMemory<byte> SectionBytes(ImapMessageData message, SectionSpec spec)
    {
        if (spec.Part.Count == 0 && spec.Text == SectionText.None)
        {
            return message.Content ?? ReadOnlyMemory<byte>.Empty;
        }

        if (spec.Part.Count == 0 && spec.Text == SectionText.Header && message.Header is { } header)
        {
            return header;
        }

        var source = message.Content ?? message.Header ?? ReadOnlyMemory<byte>.Empty;
        return MessageSections.Extract(source, spec);
    }
}
