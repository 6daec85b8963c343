namespace Kakunin.Imap.Backend;

/// <summary>
/// What the IMAP server asks of the mail store. The server owns the protocol (syntax, states, sequence numbers,
/// literals, limits, TLS, IDLE); the backend owns accounts, folders, messages, flags, UIDs and MODSEQs, and their
/// durability. Every call is scoped to one user: a backend never returns or changes another user's mail.
/// Implemented over the Kakunin store (src/Kakunin.Web/Imap); by fakes in protocol tests.
/// </summary>
/// <remarks>
/// UIDs are per folder, ascending in the order messages arrived, never reused while the folder's UIDVALIDITY stands
/// (RFC 9051 §2.3.1.1). MODSEQs are per folder, ascending, bumped by every change of a message's flags, by its
/// arrival and by its expunge (RFC 7162 §3.1). Folder names use "/" as the hierarchy delimiter and are UTF-8 text
/// (the server translates modified UTF-7 for clients that did not ENABLE UTF8=ACCEPT). "INBOX" is matched without
/// regard to case and maps to the store's Inbox.
/// </remarks>
public interface IImapBackend
{
    /// <summary>The largest message APPEND accepts, in bytes (RFC 7889 APPENDLIMIT).</summary>
    long AppendLimit { get; }

    /// <summary>
    /// Checks a user name and password from LOGIN or AUTHENTICATE PLAIN/LOGIN, with the same accounts and the same
    /// throttle as SMTP AUTH and the webmail sign-in. May answer failures late.
    /// </summary>
    ValueTask<ImapLoginResult> AuthenticateAsync(ImapClientInfo client, string userName, string password, CancellationToken cancellationToken);

    /// <summary>Every folder of the user (INBOX first), with its special use and whether it is subscribed.</summary>
    Task<IReadOnlyList<ImapFolderInfo>> ListFoldersAsync(ImapUser user, CancellationToken cancellationToken);

    /// <summary>Creates a folder (and any missing parents); <see cref="ImapFolderOutcome.AlreadyExists"/> when it exists.</summary>
    Task<ImapFolderOutcome> CreateFolderAsync(ImapUser user, string name, CancellationToken cancellationToken);

    /// <summary>Deletes a folder and the messages in it. INBOX and the special-use folders cannot be deleted.</summary>
    Task<ImapFolderOutcome> DeleteFolderAsync(ImapUser user, string name, CancellationToken cancellationToken);

    /// <summary>Renames a folder (and its children); renaming INBOX moves its messages to the new folder (RFC 9051 §6.3.6).</summary>
    Task<ImapFolderOutcome> RenameFolderAsync(ImapUser user, string from, string to, CancellationToken cancellationToken);

    /// <summary>Sets whether a folder is subscribed (SUBSCRIBE / UNSUBSCRIBE).</summary>
    Task<ImapFolderOutcome> SetSubscribedAsync(ImapUser user, string name, bool subscribed, CancellationToken cancellationToken);

    /// <summary>The counters STATUS reports, or null when there is no such folder.</summary>
    Task<ImapFolderStatus?> GetStatusAsync(ImapUser user, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a folder for SELECT/EXAMINE: its identity and counters, and the UIDs of all its messages in ascending
    /// order (message sequence number n is Uids[n-1]). Null when there is no such folder.
    /// </summary>
    Task<ImapMailboxSnapshot?> OpenAsync(ImapUser user, string name, CancellationToken cancellationToken);

    /// <summary>
    /// What changed in an open folder since <paramref name="sinceModSeq"/>: messages that arrived or whose flags
    /// changed (ascending UID, with their current flags and MODSEQ) and the UIDs expunged. Null when the folder is gone.
    /// </summary>
    Task<ImapFolderChanges?> GetChangesAsync(ImapUser user, long folderId, ulong sinceModSeq, CancellationToken cancellationToken);

    /// <summary>
    /// The data FETCH needs of the given messages, in ascending UID order; a UID that no longer exists is skipped.
    /// Content (whole or header only) is read only when <paramref name="parts"/> asks for it.
    /// </summary>
    IAsyncEnumerable<ImapMessageData> FetchAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFetchParts parts, CancellationToken cancellationToken);

    /// <summary>
    /// Changes flags of the given messages in one transaction (so a test-and-set of $MDNSent by two clients gives
    /// one winner). With <paramref name="unchangedSince"/> (CONDSTORE, RFC 7162 §3.1.3), a message whose MODSEQ is
    /// higher is not changed and is reported in <see cref="ImapStoreOutcome.Modified"/>.
    /// </summary>
    Task<ImapStoreOutcome> StoreFlagsAsync(
        ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFlagOperation operation, IReadOnlyList<string> flags, ulong? unchangedSince, CancellationToken cancellationToken);

    /// <summary>
    /// Copies (or moves: copy and expunge as one transaction, RFC 6851) messages to another folder of the user.
    /// Null when the target folder does not exist (the server answers NO [TRYCREATE]).
    /// </summary>
    Task<ImapCopyOutcome?> CopyAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, string target, bool move, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the messages flagged \Deleted (only those among <paramref name="uids"/> when given: UID EXPUNGE,
    /// RFC 4315). Returns the expunged UIDs in ascending order.
    /// </summary>
    Task<IReadOnlyList<uint>> ExpungeAsync(ImapUser user, long folderId, IReadOnlyList<uint>? uids, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a message in a folder (APPEND). A message the server already filed in Sent when the client submitted
    /// it over SMTP, appended again by the client, is recognised and not stored twice: the outcome names the existing
    /// message. Null when there is no such folder (NO [TRYCREATE]).
    /// </summary>
    Task<ImapAppendOutcome?> AppendAsync(
        ImapUser user, string folder, ReadOnlyMemory<byte> content, IReadOnlyList<string> flags, DateTimeOffset? internalDate, CancellationToken cancellationToken);

    /// <summary>
    /// The UIDs (ascending) of the messages in the folder that match <paramref name="key"/>. The server has already
    /// turned sequence sets into UID sets. A backend may evaluate parts of the key in its own query language, but the
    /// result must equal <see cref="Search.SearchEvaluator"/> applied to every message.
    /// </summary>
    Task<IReadOnlyList<uint>> SearchAsync(ImapUser user, long folderId, Search.SearchKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> after a committed change of the user's mail, from whatever source (IMAP,
    /// webmail, delivery, the CLI): the folder's id, or null when the folder list itself changed. Called on a pool
    /// thread; must not block. Dispose to stop.
    /// </summary>
    IDisposable Watch(ImapUser user, Action<long?> changed);
}
