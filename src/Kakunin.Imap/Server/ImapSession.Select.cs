using System.Globalization;
using System.IO.Pipelines;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Server;

/// <summary>SELECT/EXAMINE (with CONDSTORE and QRESYNC parameters), CLOSE, UNSELECT, and untagged updates.</summary>
public sealed partial class ImapSession
{
    // RFC 3503 §3.1: $MDNSent must be settable, so it is always a permanent flag, even before any message has it.
    private const string MdnSent = "$MDNSent";

    private async ValueTask<ImapStep> SelectAsync(string tag, ImapParser p, PipeWriter w, bool readOnly, CancellationToken ct)
    {
        p.Space();
        var name = Mailbox(p);
        (uint UidValidity, ulong ModSeq, SequenceSet? KnownUids)? qresync = null;
        if (!p.AtEnd)
        {
            // RFC 4466 select-params: (CONDSTORE) RFC 7162 §3.1.8, (QRESYNC (uidvalidity modseq [known-uids [seq-match]])) §3.2.5.
            p.Space();
            p.Expect('(');
            while (!p.TryTake(')'))
            {
                p.TryTake(' ');
                var param = p.Atom().ToUpperInvariant();
                if (param == "CONDSTORE")
                {
                    _condStore = true;
                }
                else if (param == "QRESYNC")
                {
                    if (!_qresync)
                    {
                        throw new ImapParseException("QRESYNC is not enabled"); // RFC 7162 §3.2.5
                    }

                    p.Space();
                    p.Expect('(');
                    var validity = p.NzNumber();
                    p.Space();
                    var modSeq = p.Number64();
                    SequenceSet? known = null;
                    if (p.TryTake(' ') && p.Peek() != '(')
                    {
                        known = p.SequenceSet();
                        p.TryTake(' ');
                    }

                    if (p.TryTake('('))
                    {
                        // seq-match-data: accepted and not used (the VANISHED list is exact without it).
                        p.SequenceSet();
                        p.Space();
                        p.SequenceSet();
                        p.Expect(')');
                    }

                    p.Expect(')');
                    qresync = (validity, modSeq, known);
                }
                else
                {
                    throw new ImapParseException($"Unknown SELECT parameter {param}");
                }
            }
        }

        p.End();

        // RFC 9051 §6.3.2: a SELECT first deselects, even when it fails; [CLOSED] tells the client when (RFC 7162 §3.2.11).
        if (_selected is not null)
        {
            _selected = null;
            State = ImapState.Authenticated;
            Line(w, "* OK [CLOSED] Previous mailbox closed");
        }

        var snapshot = await _backend.OpenAsync(User!, name, ct).ConfigureAwait(false);
        if (snapshot is null)
        {
            return No(w, tag, "[NONEXISTENT] Mailbox doesn't exist");
        }

        var selected = new SelectedMailbox(snapshot, readOnly);
        var flags = ImapFlags.System.Concat([MdnSent]).Concat(snapshot.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Line(w, $"* FLAGS ({string.Join(' ', flags)})");
        Line(w, readOnly ? "* OK [PERMANENTFLAGS ()] Read-only mailbox" : $"* OK [PERMANENTFLAGS ({string.Join(' ', flags)} \\*)] Flags permitted");
        Line(w, $"* {selected.Map.Count} EXISTS");
        if (!_rev2)
        {
            Line(w, "* 0 RECENT"); // RFC 3501 §7.3.2 requires RECENT; nothing is ever \Recent here
            if (snapshot.FirstUnseenUid is { } firstUnseen && selected.Map.SeqOf(firstUnseen) is var seq and > 0)
            {
                Line(w, $"* OK [UNSEEN {seq}] First unseen");
            }
        }

        Line(w, $"* OK [UIDVALIDITY {snapshot.UidValidity}] UIDs valid");
        Line(w, $"* OK [UIDNEXT {snapshot.UidNext}] Predicted next UID");
        Line(w, $"* OK [HIGHESTMODSEQ {snapshot.HighestModSeq}] Highest"); // RFC 7162 §3.1.2.1
        if (_rev2)
        {
            // RFC 9051 §6.3.2: the LIST response for the selected name, with accurate attributes.
            var special = SpecialUseAttribute(snapshot.SpecialUse);
            Line(w, $"* LIST ({special}) \"/\" {EncodeName(snapshot.Name)}");
        }

        _selected = selected;
        State = ImapState.Selected;
        if (qresync is { } q && q.UidValidity == snapshot.UidValidity)
        {
            await ResyncAsync(w, selected, q.ModSeq, q.KnownUids, ct).ConfigureAwait(false);
        }

        return Ok(w, tag, readOnly ? "[READ-ONLY] Examine completed" : "[READ-WRITE] Select completed");
    }

    // RFC 7162 §3.2.5.1: what was expunged (VANISHED (EARLIER)) and what changed since the client's MODSEQ.
    private async ValueTask ResyncAsync(PipeWriter w, SelectedMailbox selected, ulong sinceModSeq, SequenceSet? knownUids, CancellationToken ct)
    {
        var changes = await _backend.GetChangesAsync(User!, selected.FolderId, sinceModSeq, ct).ConfigureAwait(false);
        if (changes is null)
        {
            return;
        }

        var known = knownUids?.Normalise(selected.Map.MaxUid);
        var vanished = changes.Expunged.Where(u => known is null || known.Any(r => u >= r.First && u <= r.Last)).ToList();
        if (vanished.Count > 0)
        {
            Line(w, $"* VANISHED (EARLIER) {SequenceSet.Format(vanished)}");
        }

        foreach (var change in changes.Changed)
        {
            var seq = selected.Map.SeqOf(change.Uid);
            if (seq > 0)
            {
                Line(w, FlagsFetch(seq, change, includeUid: true));
            }
        }
    }

    private async ValueTask<ImapStep> CloseAsync(string tag, ImapParser p, PipeWriter w, bool expunge, CancellationToken ct)
    {
        p.End();
        var selected = _selected!;

        // RFC 9051 §6.4.1: CLOSE expunges silently (no EXPUNGE responses) unless the folder is read-only.
        if (expunge && !selected.ReadOnly)
        {
            await _backend.ExpungeAsync(User!, selected.FolderId, null, ct).ConfigureAwait(false);
        }

        _selected = null;
        State = ImapState.Authenticated;
        return Ok(w, tag, expunge ? "Close completed" : "Unselect completed");
    }

    /// <summary>
    /// Tells the client what changed in the selected folder since it last heard (RFC 9051 §7.5.1: EXPUNGE/VANISHED
    /// only when <paramref name="allowExpunge"/>, i.e. not during FETCH, STORE or SEARCH by sequence numbers; then
    /// EXISTS; then FETCH FLAGS). Reads the backend only after a watch signal (or NOOP). Close when the folder is gone.
    /// </summary>
    private async ValueTask<ImapStep> UpdatesAsync(PipeWriter w, bool allowExpunge, CancellationToken ct)
    {
        var selected = _selected;
        if (selected is null || (!selected.Dirty && (!allowExpunge || selected.PendingExpunges.Count == 0)))
        {
            return ImapStep.Command;
        }

        if (selected.Dirty)
        {
            selected.Dirty = false;
            var changes = await _backend.GetChangesAsync(User!, selected.FolderId, selected.KnownModSeq, ct).ConfigureAwait(false);
            if (changes is null)
            {
                // Dovecot: the selected mailbox was deleted by another session.
                Line(w, "* BYE Selected mailbox was deleted");
                return ImapStep.Close;
            }

            foreach (var uid in changes.Expunged)
            {
                if (selected.Map.SeqOf(uid) > 0)
                {
                    selected.PendingExpunges.Add(uid);
                }
            }

            if (allowExpunge)
            {
                ReportExpunges(w, selected, selected.PendingExpunges);
            }

            var maxUid = selected.Map.MaxUid;
            var arrived = changes.Changed.Where(c => c.Uid > maxUid).Select(c => c.Uid).ToList();
            if (arrived.Count > 0)
            {
                selected.Map.Append(arrived);
                Line(w, $"* {selected.Map.Count} EXISTS");
            }

            foreach (var change in changes.Changed)
            {
                if (change.Uid > maxUid || selected.PendingExpunges.Contains(change.Uid)
                    || (selected.Reported.TryGetValue(change.Uid, out var told) && told >= change.ModSeq))
                {
                    continue;
                }

                var seq = selected.Map.SeqOf(change.Uid);
                if (seq > 0)
                {
                    Line(w, FlagsFetch(seq, change, includeUid: _qresync));
                }
            }

            selected.Reported.Clear();
            selected.KnownModSeq = Math.Max(selected.KnownModSeq, changes.HighestModSeq);
        }
        else if (allowExpunge)
        {
            ReportExpunges(w, selected, selected.PendingExpunges);
        }

        return ImapStep.Command;
    }

    /// <summary>Removes UIDs from the map and reports them: VANISHED after ENABLE QRESYNC (RFC 7162 §3.2.10), else EXPUNGE.</summary>
    private void ReportExpunges(PipeWriter w, SelectedMailbox selected, HashSet<uint> uids)
    {
        if (uids.Count == 0)
        {
            return;
        }

        var present = uids.Where(u => selected.Map.SeqOf(u) > 0).Order().ToList();
        var numbers = selected.Map.Remove(present);
        if (_qresync)
        {
            if (present.Count > 0)
            {
                Line(w, $"* VANISHED {SequenceSet.Format(present)}");
            }
        }
        else
        {
            foreach (var n in numbers)
            {
                Line(w, $"* {n} EXPUNGE");
            }
        }

        foreach (var uid in present)
        {
            selected.PendingExpunges.Remove(uid);
        }

        if (!ReferenceEquals(uids, selected.PendingExpunges))
        {
            return;
        }

        selected.PendingExpunges.Clear();
    }

    // RFC 7162 §3.1.4.1 / §3.2.4: after CONDSTORE, FLAGS go with MODSEQ; after QRESYNC, with UID.
    private string FlagsFetch(int seq, ImapMessageFlags change, bool includeUid)
    {
        var items = new List<string>();
        if (includeUid)
        {
            items.Add("UID " + change.Uid.ToString(CultureInfo.InvariantCulture));
        }

        items.Add($"FLAGS ({string.Join(' ', change.Flags)})");
        if (_condStore)
        {
            items.Add($"MODSEQ ({change.ModSeq})");
        }

        return $"* {seq} FETCH ({string.Join(' ', items)})";
    }
}
