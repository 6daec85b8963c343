using System.Net;

namespace Kakunin.Imap.Backend;

/// <summary>A signed-in user: the store's id and the canonical address.</summary>
public sealed record ImapUser(long Id, string Address);

/// <summary>What the backend may know about the connection a command came in on.</summary>
/// <param name="SessionId">A short id for logs, unique per process run.</param>
/// <param name="RemoteEndPoint">The client's address (what the sign-in throttle counts).</param>
/// <param name="IsTls">Whether the connection is encrypted.</param>
public sealed record ImapClientInfo(string SessionId, IPEndPoint? RemoteEndPoint, bool IsTls);

/// <summary>The answer to a password: a user, wrong, or refused for now without a check (throttled).</summary>
public readonly record struct ImapLoginResult(ImapUser? User, bool RefusedForNow)
{
    public static ImapLoginResult Wrong => default;

    public static ImapLoginResult Refused => new(null, true);

    public static ImapLoginResult Accepted(ImapUser user) => new(user, false);
}

/// <summary>RFC 6154 special uses; Receipts has no registered attribute and is listed plainly.</summary>
public enum ImapSpecialUse
{
    None,
    Sent,
    Drafts,
    Trash,
    Junk,
    Archive,
}

/// <summary>One folder as LIST shows it.</summary>
public sealed record ImapFolderInfo(string Name, ImapSpecialUse SpecialUse, bool Subscribed);

/// <summary>What a folder command did.</summary>
public enum ImapFolderOutcome
{
    Done,
    NoSuchFolder,
    AlreadyExists,

    /// <summary>INBOX or a special-use folder cannot be deleted; a name cannot be used (e.g. empty level).</summary>
    NotAllowed,
}

/// <summary>STATUS counters (RFC 9051 §6.3.11, RFC 7162 HIGHESTMODSEQ).</summary>
public sealed record ImapFolderStatus(long Messages, long Unseen, long Deleted, long Size, uint UidNext, uint UidValidity, ulong HighestModSeq);

/// <summary>An opened folder: identity, counters, and every UID in ascending order.</summary>
public sealed record ImapMailboxSnapshot(
    long FolderId, string Name, ImapSpecialUse SpecialUse, uint UidValidity, uint UidNext, ulong HighestModSeq, uint[] Uids, long Unseen, uint? FirstUnseenUid,
    IReadOnlyList<string> Keywords);

/// <summary>One message's flags as they stand, with the MODSEQ of their last change.</summary>
public readonly record struct ImapMessageFlags(uint Uid, ulong ModSeq, IReadOnlyList<string> Flags);

/// <summary>What changed in a folder since a MODSEQ.</summary>
/// <param name="Changed">Messages that arrived or whose flags changed, ascending UID.</param>
/// <param name="Expunged">UIDs removed, ascending.</param>
public sealed record ImapFolderChanges(IReadOnlyList<ImapMessageFlags> Changed, IReadOnlyList<uint> Expunged, uint UidNext, ulong HighestModSeq);

/// <summary>Which parts of a message FETCH needs; the backend reads content only when asked.</summary>
[Flags]
public enum ImapFetchParts
{
    /// <summary>UID, flags, MODSEQ, internal date and size only.</summary>
    Metadata = 0,

    /// <summary>The header block (up to and including the empty line).</summary>
    Header = 1,

    /// <summary>The whole message.</summary>
    Content = 2,

    /// <summary>
    /// ENVELOPE is asked: the backend returns it ready in <see cref="ImapMessageData.Envelope"/> when it has it (a
    /// cache), else the header block, from which the server builds it.
    /// </summary>
    Envelope = 4,

    /// <summary>The session quotes 8-bit strings (IMAP4rev2 or UTF8=ACCEPT, RFC 6855): a ready ENVELOPE must be the one written for that.</summary>
    Utf8 = 8,
}

/// <summary>
/// One message for FETCH. <see cref="Content"/> is set when content was asked (the whole message); else
/// <see cref="Header"/> when only the header was asked. Both are exactly the stored bytes.
/// </summary>
public sealed record ImapMessageData(
    uint Uid, ulong ModSeq, IReadOnlyList<string> Flags, DateTimeOffset InternalDate, long Size, ReadOnlyMemory<byte>? Header, ReadOnlyMemory<byte>? Content)
{
    /// <summary>Set when the stored bytes failed their checksum (the bytes are returned as they are).</summary>
    public bool IsDamaged { get; init; }

    /// <summary>The ENVELOPE's parenthesised text exactly as the server would write it, when the backend has it ready (see <see cref="ImapFetchParts.Envelope"/>).</summary>
    public ReadOnlyMemory<byte>? Envelope { get; init; }
}

/// <summary>STORE's three forms.</summary>
public enum ImapFlagOperation
{
    Replace,
    Add,
    Remove,
}

/// <summary>What STORE did: the messages whose flags changed (new flags and MODSEQ), and those refused by UNCHANGEDSINCE.</summary>
public sealed record ImapStoreOutcome(IReadOnlyList<ImapMessageFlags> Changed, IReadOnlyList<uint> Modified);

/// <summary>COPY/MOVE result for COPYUID (RFC 4315): source UIDs and the new UIDs in the target, pairwise.</summary>
public sealed record ImapCopyOutcome(uint TargetUidValidity, IReadOnlyList<uint> SourceUids, IReadOnlyList<uint> TargetUids);

/// <summary>APPEND result for APPENDUID (RFC 4315).</summary>
/// <param name="WasAlreadyStored">True when the message was recognised as the server's own Sent copy and not stored again.</param>
public sealed record ImapAppendOutcome(uint UidValidity, uint Uid, bool WasAlreadyStored);
