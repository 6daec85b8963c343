using Kakunin.Imap.Backend;

namespace Kakunin.Imap.Server;

/// <summary>The folder a session has selected: its identity, its sequence numbers, and what the client was already told.</summary>
internal sealed class SelectedMailbox(ImapMailboxSnapshot snapshot, bool readOnly)
{
    public long FolderId { get; } = snapshot.FolderId;

    public string Name { get; } = snapshot.Name;

    public ImapSpecialUse SpecialUse { get; } = snapshot.SpecialUse;

    public uint UidValidity { get; } = snapshot.UidValidity;

    public bool ReadOnly { get; } = readOnly;

    public SequenceMap Map { get; } = new(snapshot.Uids);

    /// <summary>The folder's MODSEQ up to which the client has been told every change.</summary>
    public ulong KnownModSeq { get; set; } = snapshot.HighestModSeq;

    /// <summary>Expunges seen but not yet reported: none may go out during FETCH, STORE or SEARCH (RFC 9051 §7.5.1).</summary>
    public HashSet<uint> PendingExpunges { get; } = [];

    /// <summary>Flag changes this session already reported (its own STORE), by UID with their MODSEQ, so a poll does not repeat them.</summary>
    public Dictionary<uint, ulong> Reported { get; } = [];

    /// <summary>Set by the backend's watch: something changed in this folder since the last poll.</summary>
    public volatile bool Dirty;
}
