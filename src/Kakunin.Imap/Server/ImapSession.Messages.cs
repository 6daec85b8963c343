using System.Globalization;
using System.IO.Pipelines;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Server;

/// <summary>EXPUNGE, UID EXPUNGE, STORE, COPY, MOVE, APPEND, IDLE.</summary>
public sealed partial class ImapSession
{
    private string? _idleTag;

    /// <summary>
    /// The UIDs a sequence set names among the messages the client knows. Sequence numbers beyond the mailbox
    /// (or "*" in an empty one) are a BAD (RFC 3501 §9 seq-number, as Dovecot answers); UIDs that do not exist are skipped.
    /// </summary>
    private uint[] Resolve(SequenceSet set, bool uid)
    {
        var map = _selected!.Map;
        var uids = new List<uint>();
        if (uid)
        {
            foreach (var range in set.Normalise(map.MaxUid))
            {
                uids.AddRange(map.UidsBetween(range.First, range.Last));
            }

            return [.. uids];
        }

        var ranges = set.Normalise((uint)map.Count);
        if (ranges.Count > 0 && (ranges[^1].Last > map.Count || ranges[0].First == 0))
        {
            throw new ImapParseException("Invalid message sequence number");
        }

        foreach (var range in ranges)
        {
            uids.AddRange(map.Slice((int)range.First, (int)range.Last));
        }

        return [.. uids];
    }

    private async ValueTask<ImapStep> ExpungeAsync(string tag, ImapParser p, PipeWriter w, bool uid, CancellationToken ct)
    {
        IReadOnlyList<uint>? only = null;
        if (uid)
        {
            p.Space();
            only = Resolve(p.SequenceSet(), uid: true); // RFC 4315 §2.1
        }

        p.End();
        var selected = _selected!;
        if (selected.ReadOnly)
        {
            return No(w, tag, "[READ-ONLY] Mailbox is read-only");
        }

        var expunged = await _backend.ExpungeAsync(User!, selected.FolderId, only, ct).ConfigureAwait(false);
        ReportExpunges(w, selected, [.. expunged]);
        return Ok(w, tag, "Expunge completed");
    }

    private async ValueTask<ImapStep> StoreAsync(string tag, ImapParser p, PipeWriter w, bool uid, CancellationToken ct)
    {
        p.Space();
        var set = p.SequenceSet();
        p.Space();
        ulong? unchangedSince = null;
        if (p.TryTake('('))
        {
            // RFC 7162 §3.1.3: (UNCHANGEDSINCE modseq)
            var modifier = p.Atom().ToUpperInvariant();
            if (modifier != "UNCHANGEDSINCE")
            {
                throw new ImapParseException($"Unknown STORE modifier {modifier}");
            }

            p.Space();
            unchangedSince = p.Number64();
            p.Expect(')');
            p.Space();
            _condStore = true; // RFC 7162 §3.1: a CONDSTORE-enabling command
        }

        var item = p.Keyword().ToUpperInvariant();
        var operation = item[0] switch
        {
            '+' => ImapFlagOperation.Add,
            '-' => ImapFlagOperation.Remove,
            _ => ImapFlagOperation.Replace,
        };
        var name = operation == ImapFlagOperation.Replace ? item : item[1..];
        if (name is not ("FLAGS" or "FLAGS.SILENT"))
        {
            throw new ImapParseException($"Invalid STORE item {item}");
        }

        var silent = name == "FLAGS.SILENT";
        p.Space();
        List<string> flags;
        if (p.Peek() == '(')
        {
            flags = p.FlagList();
        }
        else
        {
            flags = [p.Flag()];
            while (p.TryTake(' '))
            {
                flags.Add(p.Flag());
            }
        }

        p.End();
        var uids = Resolve(set, uid);
        var selected = _selected!;
        if (selected.ReadOnly)
        {
            return No(w, tag, "[READ-ONLY] Mailbox is read-only");
        }

        if (uids.Length == 0 && unchangedSince is null)
        {
            return Ok(w, tag, "Store completed");
        }

        var outcome = await _backend.StoreFlagsAsync(User!, selected.FolderId, uids, operation, flags, unchangedSince, ct).ConfigureAwait(false);
        foreach (var changed in outcome.Changed)
        {
            selected.Reported[changed.Uid] = changed.ModSeq;
            var seq = selected.Map.SeqOf(changed.Uid);

            // RFC 9051 §6.4.6: the new flags unless .SILENT; RFC 7162 §3.1.3: with UNCHANGEDSINCE, MODSEQ even when silent.
            if (seq > 0 && (!silent || unchangedSince is not null))
            {
                Line(w, silent ? $"* {seq} FETCH ({(uid ? $"UID {changed.Uid} " : string.Empty)}MODSEQ ({changed.ModSeq}))" : FlagsFetch(seq, changed, includeUid: uid || _qresync));
            }
        }

        if (outcome.Modified.Count > 0)
        {
            var numbers = uid ? outcome.Modified.Order() : outcome.Modified.Select(u => (uint)selected.Map.SeqOf(u)).Where(n => n > 0).Order();
            return Ok(w, tag, $"[MODIFIED {SequenceSet.Format(numbers)}] Conditional STORE failed");
        }

        return Ok(w, tag, "Store completed");
    }

    private async ValueTask<ImapStep> CopyAsync(string tag, ImapParser p, PipeWriter w, bool uid, bool move, CancellationToken ct)
    {
        p.Space();
        var set = p.SequenceSet();
        p.Space();
        var target = Mailbox(p);
        p.End();
        var uids = Resolve(set, uid);
        var selected = _selected!;
        if (move && selected.ReadOnly)
        {
            return No(w, tag, "[READ-ONLY] Mailbox is read-only");
        }

        if (uids.Length == 0)
        {
            return Ok(w, tag, move ? "Move completed" : "Copy completed");
        }

        var outcome = await _backend.CopyAsync(User!, selected.FolderId, uids, target, move, ct).ConfigureAwait(false);
        if (outcome is null)
        {
            return No(w, tag, "[TRYCREATE] Mailbox doesn't exist"); // RFC 9051 §6.4.7
        }

        var copyUid = outcome.SourceUids.Count == 0
            ? string.Empty
            : $"[COPYUID {outcome.TargetUidValidity} {SequenceSet.Format(outcome.SourceUids)} {SequenceSet.Format(outcome.TargetUids)}] ";
        if (!move)
        {
            return Ok(w, tag, copyUid + "Copy completed");
        }

        // RFC 6851 §4.3: COPYUID in an untagged OK before the expunges, then the tagged OK.
        if (copyUid.Length > 0)
        {
            Line(w, $"* OK {copyUid}Moved");
        }

        ReportExpunges(w, selected, [.. outcome.SourceUids]);
        return Ok(w, tag, "Move completed");
    }

    private async ValueTask<ImapStep> AppendAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.Space();
        var name = Mailbox(p);
        p.Space();
        IReadOnlyList<string> flags = [];
        DateTimeOffset? date = null;
        if (p.Peek() == '(')
        {
            flags = p.FlagList();
            p.Space();
        }

        if (p.Peek() == '"')
        {
            var text = ImapParser.Text(p.String());
            date = ImapDateTime.ParseDateTime(text) ?? throw new ImapParseException("Invalid date-time");
            p.Space();
        }

        ReadOnlyMemory<byte> content;
        if (p.TryWord("UTF8"))
        {
            // RFC 6855 §4: UTF8 (literal8) after ENABLE UTF8=ACCEPT.
            p.Space();
            p.Expect('(');
            content = p.Literal(out _);
            p.Expect(')');
        }
        else
        {
            content = p.Literal(out _); // RFC 3516 §4.4: literal8 for APPEND under BINARY
        }

        p.End();
        if (content.Length == 0)
        {
            return No(w, tag, "Can't save a zero byte message"); // Dovecot's answer
        }

        if (content.Length > _backend.AppendLimit)
        {
            return No(w, tag, "[TOOBIG] Message larger than APPENDLIMIT");
        }

        var outcome = await _backend.AppendAsync(User!, name, content, flags, date, ct).ConfigureAwait(false);
        if (outcome is null)
        {
            return No(w, tag, "[TRYCREATE] Mailbox doesn't exist");
        }

        if (_selected is { } selected && selected.Name.Equals(name, StringComparison.Ordinal))
        {
            selected.Dirty = true; // RFC 9051 §6.3.12: the client learns of it by EXISTS before the tagged OK
        }

        return Ok(w, tag, $"[APPENDUID {outcome.UidValidity} {outcome.Uid}] Append completed"); // RFC 4315 §3
    }

    private async ValueTask<ImapStep> IdleAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.End();
        var step = await UpdatesAsync(w, allowExpunge: true, ct).ConfigureAwait(false);
        if (step == ImapStep.Close)
        {
            return step;
        }

        _idleTag = tag;
        _status = "IDLE";
        Line(w, "+ idling"); // RFC 2177 §3
        return ImapStep.Idle;
    }

    /// <summary>While idling: writes what changed since the last look (RFC 2177: any untagged response may be sent).</summary>
    public async ValueTask<ImapStep> IdleUpdatesAsync(PipeWriter output, CancellationToken cancellationToken) =>
        await UpdatesAsync(output, allowExpunge: true, cancellationToken).ConfigureAwait(false);

    /// <summary>The line that ends IDLE: DONE (RFC 2177 §3), else BAD.</summary>
    public async ValueTask<ImapStep> EndIdleAsync(ReadOnlyMemory<byte> line, PipeWriter output, CancellationToken cancellationToken)
    {
        var tag = _idleTag ?? "*";
        _idleTag = null;
        if (!System.Text.Ascii.EqualsIgnoreCase(line.Span, "DONE"u8))
        {
            var bad = Bad(output, tag, "Expected DONE");
            FlushTagged(output);
            return bad;
        }

        var step = await UpdatesAsync(output, allowExpunge: true, cancellationToken).ConfigureAwait(false);
        Ok(output, tag, "Idle completed");
        FlushTagged(output);
        Log.Command(_logger, SessionId, tag, "IDLE", _status, 0);
        return step;
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
