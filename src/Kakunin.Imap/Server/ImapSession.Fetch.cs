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
        var parts = request.Parts | (Utf8 ? ImapFetchParts.Utf8 : ImapFetchParts.Metadata);
        await foreach (var message in _backend.FetchAsync(User!, selected.FolderId, uids, parts, ct).ConfigureAwait(false))
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

            failure ??= WriteFetch(w, seq, message, items, request.Sections, request.Parts);
            await MaybeFlushAsync(w, ct).ConfigureAwait(false);
        }

        return failure is null ? Ok(w, tag, "Fetch completed") : No(w, tag, failure);
    }

    // One "* n FETCH (...)" line with its literals. Returns a failure text (a tagged NO) or null. The message's MIME
    // structure is scanned at most once for all its items (ParsedMessage), and fixed text is written as bytes.
    private string? WriteFetch(PipeWriter w, int seq, ImapMessageData message, FetchAttributes items, IReadOnlyList<FetchSection> sections, ImapFetchParts parts)
    {
        string? failure = null;
        var first = true;

        // Content only when it was asked for: a backend that turns a null byte[] into an empty (not null) memory
        // must not make the header look empty.
        ParsedMessage? content = (parts & ImapFetchParts.Content) != 0 && message.Content is { } bytes ? new ParsedMessage(bytes) : null;
        ParsedMessage? header = null;
        ParsedMessage Structure() => content ?? (header ??= new ParsedMessage(message.Header ?? ReadOnlyMemory<byte>.Empty));
        void Item(ReadOnlySpan<byte> name)
        {
            if (!first)
            {
                ImapStrings.Write(w, " "u8);
            }

            ImapStrings.Write(w, name);
            first = false;
        }

        ImapStrings.Write(w, "* "u8);
        ImapStrings.WriteNumber(w, seq);
        ImapStrings.Write(w, " FETCH ("u8);
        if ((items & FetchAttributes.Uid) != 0)
        {
            Item("UID "u8);
            ImapStrings.WriteNumber(w, message.Uid);
        }

        if ((items & FetchAttributes.Flags) != 0)
        {
            Item("FLAGS ("u8);
            for (var i = 0; i < message.Flags.Count; i++)
            {
                if (i > 0)
                {
                    ImapStrings.Write(w, " "u8);
                }

                Text(w, message.Flags[i]);
            }

            ImapStrings.Write(w, ")"u8);
        }

        // RFC 7162 §3.1.4.1: after CONDSTORE, FLAGS go with MODSEQ.
        if ((items & FetchAttributes.ModSeq) != 0 || (_condStore && (items & FetchAttributes.Flags) != 0))
        {
            Item("MODSEQ ("u8);
            ImapStrings.WriteNumber(w, (long)message.ModSeq);
            ImapStrings.Write(w, ")"u8);
        }

        if ((items & FetchAttributes.InternalDate) != 0)
        {
            Item("INTERNALDATE "u8);
            Text(w, ImapDateTime.Format(message.InternalDate));
        }

        if ((items & FetchAttributes.Size) != 0)
        {
            Item("RFC822.SIZE "u8);
            ImapStrings.WriteNumber(w, message.Size);
        }

        if ((items & FetchAttributes.Envelope) != 0)
        {
            Item("ENVELOPE "u8);
            if (message.Envelope is { } ready && content is null)
            {
                ImapStrings.Write(w, ready.Span); // the backend's cached text, written for this session's Utf8 mode
            }
            else
            {
                MessageStructure.WriteEnvelope(w, Structure(), Utf8);
            }
        }

        if ((items & FetchAttributes.Body) != 0)
        {
            Item("BODY "u8);
            MessageStructure.WriteBodyStructure(w, Structure(), extensible: false, Utf8);
        }

        if ((items & FetchAttributes.BodyStructure) != 0)
        {
            Item("BODYSTRUCTURE "u8);
            MessageStructure.WriteBodyStructure(w, Structure(), extensible: true, Utf8);
        }

        foreach (var section in sections)
        {
            ReadOnlyMemory<byte> value;
            var literal8 = false;
            if (section.Binary)
            {
                var decoded = MessageSections.DecodeBinary(Structure(), section.Spec.Part, out var wasEncoded);
                if (decoded is null)
                {
                    failure ??= "[UNKNOWN-CTE] Unknown Content-Transfer-Encoding"; // RFC 3516 §4.3
                    continue;
                }

                value = decoded.Value;

                // RFC 3516 §4.2: literal8 for content that may hold NUL; Dovecot uses it whenever it decoded base64 or QP.
                literal8 = wasEncoded || value.Span.Contains((byte)0);
            }
            else
            {
                value = SectionBytes(message, section.Spec, Structure);
            }

            if (section.SizeOnly)
            {
                Item(section.NameBytes);
                ImapStrings.Write(w, " "u8);
                ImapStrings.WriteNumber(w, value.Length);
                continue;
            }

            Item(section.NameBytes);
            if (section.PartialStart is { } start)
            {
                // RFC 9051 §6.4.5: <origin.octets>; the response names the origin only.
                var from = (int)Math.Min(start, value.Length);
                var length = (int)Math.Min(section.PartialLength ?? long.MaxValue, value.Length - from);
                value = value.Slice(from, length);
                ImapStrings.Write(w, "<"u8);
                ImapStrings.WriteNumber(w, start);
                ImapStrings.Write(w, ">"u8);
            }

            ImapStrings.Write(w, literal8 ? " ~"u8 : " "u8);
            ImapStrings.WriteLiteral(w, value.Span);
        }

        if (first)
        {
            Item("UID "u8); // every item failed: msg-att needs one item; Dovecot sends the UID
            ImapStrings.WriteNumber(w, message.Uid);
        }

        ImapStrings.Write(w, ")\r\n"u8);
        return failure;
    }

    // BODY[] is the whole message and BODY[HEADER] the header block, both as the backend gives them; the rest is cut
    // by MessageSections from the one scanned structure of this message.
    private static ReadOnlyMemory<byte> SectionBytes(ImapMessageData message, SectionSpec spec, Func<ParsedMessage> structure)
    {
        if (spec.Part.Count == 0 && spec.Text == SectionText.None)
        {
            return message.Content ?? ReadOnlyMemory<byte>.Empty;
        }

        if (spec.Part.Count == 0 && spec.Text == SectionText.Header && message.Header is { } header)
        {
            return header;
        }

        return MessageSections.Extract(structure(), spec);
    }
}
