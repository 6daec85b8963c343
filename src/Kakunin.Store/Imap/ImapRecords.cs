namespace Kakunin.Store.Imap;

/// <summary>One folder of a user as the store names it ("Inbox", "Sent", "a/b").</summary>
public sealed record MailFolderRow(long Id, string Name, bool Subscribed);

/// <summary>What a folder change did.</summary>
public enum FolderChangeResult
{
    Done,
    NoSuchFolder,
    AlreadyExists,

    /// <summary>A default folder cannot be deleted or renamed, a folder with children cannot be deleted, a name has an empty level.</summary>
    NotAllowed,
}

/// <summary>A folder's counters (STATUS).</summary>
public sealed record FolderCounters(long FolderId, long Messages, long Unseen, long Deleted, long Size, uint UidNext, uint UidValidity, ulong HighestModSeq);

/// <summary>A folder as opened: identity, counters, every UID ascending, and the keywords its messages carry.</summary>
public sealed record FolderSnapshot(
    long FolderId, string Name, uint UidValidity, uint UidNext, ulong HighestModSeq, uint[] Uids, long Unseen, uint? FirstUnseenUid, IReadOnlyList<string> Keywords);

/// <summary>One message's flags and the MODSEQ of their last change.</summary>
public readonly record struct MessageFlagState(uint Uid, ulong ModSeq, IReadOnlyList<string> Flags);

/// <summary>What changed in a folder since a MODSEQ: messages (ascending UID) and expunged UIDs (ascending).</summary>
public sealed record FolderChangeSet(IReadOnlyList<MessageFlagState> Changed, IReadOnlyList<uint> Expunged, uint UidNext, ulong HighestModSeq);

/// <summary>What FETCH reads of one message; <see cref="Header"/> and <see cref="Content"/> only when asked.</summary>
public sealed record MessageData(
    uint Uid, ulong ModSeq, IReadOnlyList<string> Flags, DateTimeOffset InternalDate, long Size, ReadOnlyMemory<byte>? Header, ReadOnlyMemory<byte>? Content, bool IsDamaged)
{
    /// <summary>The stored content's row (null for mail stored before migration 4, which has no cache).</summary>
    public long? ContentId { get; init; }

    /// <summary>The cached ENVELOPE text for the mode asked, when there is one and it matched its checksum.</summary>
    public ReadOnlyMemory<byte>? Envelope { get; init; }
}

/// <summary>Which form of the cached ENVELOPE a FETCH wants: none, for a client without UTF8=ACCEPT, or for one with it (RFC 6855).</summary>
public enum EnvelopeWanted
{
    None,
    Ascii,
    Utf8,
}

/// <summary>What a FETCH reads: the header block, the whole content, the cached ENVELOPE.</summary>
public sealed record FetchWants(bool Header, bool Content, EnvelopeWanted Envelope);

/// <summary>How flags are changed: set to the list, the list added, the list removed.</summary>
public enum FlagOperation
{
    Replace,
    Add,
    Remove,
}

/// <summary>What a flag change did: the messages changed (new flags, new MODSEQ) and those refused by UNCHANGEDSINCE.</summary>
public sealed record FlagStoreResult(IReadOnlyList<MessageFlagState> Changed, IReadOnlyList<uint> Modified);

/// <summary>COPY/MOVE: source UIDs and their new UIDs in the target, pairwise, and the target's UIDVALIDITY.</summary>
public sealed record CopyResult(uint TargetUidValidity, IReadOnlyList<uint> SourceUids, IReadOnlyList<uint> TargetUids);

/// <summary>APPEND: where the message is; <paramref name="WasAlreadyStored"/> when it was the server's own Sent copy.</summary>
public sealed record AppendResult(uint UidValidity, uint Uid, bool WasAlreadyStored);

/// <summary>One message as SEARCH sees it: the summary columns, and the bytes only when asked.</summary>
public sealed record SearchCandidate(
    uint Uid, ulong ModSeq, IReadOnlyList<string> Flags, DateTimeOffset InternalDate, long Size, string? Subject, string? From, string? To, DateTimeOffset? Date,
    ReadOnlyMemory<byte>? Content)
{
    /// <summary>The header block, when <see cref="SearchColumns.Header"/> was asked without the whole content.</summary>
    public ReadOnlyMemory<byte>? Header { get; init; }
}

/// <summary>What SEARCH reads of each message: only what its key looks at.</summary>
[Flags]
public enum SearchColumns
{
    None = 0,
    ModSeq = 1,
    Flags = 2,
    InternalDate = 4,
    Size = 8,
    Subject = 16,

    /// <summary>The summary's From and To (display names where there are some).</summary>
    Addresses = 32,
    SentDate = 64,

    /// <summary>The header block (read through the content cache).</summary>
    Header = 128,

    /// <summary>The whole message.</summary>
    Content = 256,

    /// <summary>Every summary column.</summary>
    Summary = ModSeq | Flags | InternalDate | Size | Subject | Addresses | SentDate,
}
