using System.Globalization;
using Kakunin.Store.Mail;
using Kakunin.Protocol;

namespace Kakunin.Store;

/// <summary>The webmail's view of a user's mailbox: counts, pages, moves. Every query is scoped to the user.</summary>
public sealed partial class MailboxRepository
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    // The row is the user's: every statement on one message carries this condition (no alias on messages).
    private const string OwnedMessage =
        "messages.id = @id AND messages.folder_id IN (SELECT f.id FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = @a)";

    /// <summary>The user's folders with total and unread counts: the default folders first, in their order.</summary>
    public async Task<IReadOnlyList<FolderCount>> GetFolderCountsAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Two correlated counts per folder; the unread one reads the partial index on unseen messages.
        await using var command = Sql.Command(
            connection,
            "SELECT f.name, (SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id), (SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id AND m.seen = 0) " +
            "FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = @a",
            ("@a", MailboxIdentity.KeyOf(address)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<FolderCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new FolderCount(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        // Nested folders (IMAP "a/b") right after their parent: '/' sorts before every other character here.
        return [.. list.OrderBy(f => Order(f.Name.Split('/')[0])).ThenBy(f => f.Name.Replace('/', '\u0001'), StringComparer.Ordinal)];
    }

    /// <summary>
    /// One page of a folder, newest first, optionally filtered by text in the subject, sender or recipients.
    /// Returns null when the user has no such folder.
    /// </summary>
    public async Task<MessagePage?> ListPageAsync(string address, string folder, int page, int pageSize, string? search, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        long folderId;
        await using (var find = Sql.Command(
            connection,
            "SELECT f.id FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = @a AND f.name = @n",
            ("@a", MailboxIdentity.KeyOf(address)), ("@n", folder)))
        {
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long id)
            {
                return null;
            }

            folderId = id;
        }

        var filter = string.IsNullOrWhiteSpace(search)
            ? string.Empty
            : string.Format(CultureInfo.InvariantCulture, " AND (m.subject {0} @q ESCAPE '\\' OR m.from_text {0} @q ESCAPE '\\' OR m.to_text {0} @q ESCAPE '\\')", _store.Dialect.LikeIgnoringCase); // SQLite's LIKE ignores ASCII case; PostgreSQL: ILIKE
        var pattern = string.IsNullOrWhiteSpace(search) ? null : LikePattern.Contains(search.Trim());

        long total;
        await using (var count = Sql.Command(connection, "SELECT COUNT(*) FROM messages m WHERE m.folder_id = @f" + filter, ("@f", folderId), ("@q", pattern)))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var items = new List<MessageListItem>(pageSize);
        // Newest first by id (arrival order), which the (folder_id) index yields without sorting.
        await using (var command = Sql.Command(
            connection,
            "SELECT m.id, m.received_at, m.date_at, m.from_text, m.to_text, m.subject, m.size, m.seen, m.has_attachments, m.report_state, m.flags " +
            "FROM messages m WHERE m.folder_id = @f" + filter + " ORDER BY m.id DESC LIMIT @limit OFFSET @offset",
            ("@f", folderId), ("@q", pattern), ("@limit", pageSize), ("@offset", (long)(page - 1) * pageSize)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new MessageListItem(
                    reader.GetInt64(0), Sql.FromUnixMs(reader.GetInt64(1)), Sql.NullableTime(reader, 2), Sql.NullableString(reader, 3),
                    Sql.NullableString(reader, 4), Sql.NullableString(reader, 5), reader.GetInt64(6), reader.GetInt64(7) != 0,
                    reader.GetInt64(8) != 0, Sql.NullableString(reader, 9), reader.GetString(10)));
            }
        }

        return new MessagePage(items, total, page, pageSize);
    }

    /// <summary>Moves a message of the user to another of the user's folders; false when either is not theirs.</summary>
    public Task<bool> MoveAsync(string address, long messageId, string folder, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(
            tx => tx.Execute(
                // A move gives the message a new UID in the target (a trigger, migration 10); uid is cleared here so its old
                // one cannot collide with one of the target's first.
                "UPDATE messages SET (folder_id, uid) = (SELECT f.id, CASE WHEN f.id = messages.folder_id THEN messages.uid END FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = @a AND f.name = @n) " +
                "WHERE " + OwnedMessage +
                " AND EXISTS (SELECT 1 FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = @a AND f.name = @n)",
                ("@a", normalized), ("@n", folder), ("@id", messageId)) == 1,
            cancellationToken);
    }

    /// <summary>Deletes a message of the user for good (from Trash, or a replaced draft); false when it is not theirs.</summary>
    public Task<bool> DeleteAsync(string address, long messageId, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(
            tx =>
            {
                var contents = MessageContents.ReferredBy(tx, OwnedMessage, ("@a", normalized), ("@id", messageId));
                var deleted = tx.Execute("DELETE FROM messages WHERE " + OwnedMessage, ("@a", normalized), ("@id", messageId)) == 1;
                MessageContents.Release(tx, contents); // the bytes go with the last mailbox that held them
                return deleted;
            },
            cancellationToken);
    }

    /// <summary>
    /// Adds a flag to a message of the user inside one write; returns true only for the caller that added it
    /// (so "send a read receipt once" holds under a double click), false when it was there or the message is not theirs.
    /// </summary>
    public async Task<bool> TryAddFlagAsync(string address, long messageId, string flag, CancellationToken cancellationToken) =>
        await SetFlagAsync(address, messageId, flag, on: true, cancellationToken).ConfigureAwait(false) == FlagChange.Added;

    /// <summary>Marks a message of the user read or unread; false when it is not theirs.</summary>
    public async Task<bool> SetSeenAsync(string address, long messageId, bool seen, CancellationToken cancellationToken) =>
        await SetFlagAsync(address, messageId, MessageFlags.Seen, seen, cancellationToken).ConfigureAwait(false) != FlagChange.NoSuchMessage;

    private Task<FlagChange> SetFlagAsync(string address, long messageId, string flag, bool on, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(
            tx => DirectoryRepository.FindUserId(tx, normalized) is { } userId ? MailboxMessages.SetFlag(tx, userId, messageId, flag, on) : FlagChange.NoSuchMessage,
            cancellationToken);
    }

    /// <summary>
    /// Saves a draft of the user: the new version is stored in Drafts and the previous one (when given and theirs)
    /// removed, in one transaction. Returns the new draft's id.
    /// </summary>
    public Task<long> SaveDraftAsync(string address, long? replacesDraftId, ReadOnlyMemory<byte> content, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(tx =>
        {
            var userId = DirectoryRepository.FindUserId(tx, normalized) ?? throw new InvalidOperationException($"No user {normalized}.");
            if (replacesDraftId is { } old)
            {
                const string OldDraft = "id = @id AND folder_id = (SELECT id FROM folders WHERE user_id = @u AND name = @n)";
                var contents = MessageContents.ReferredBy(tx, OldDraft, ("@id", old), ("@u", userId), ("@n", MailFolders.Drafts));
                tx.Execute("DELETE FROM messages WHERE " + OldDraft, ("@id", old), ("@u", userId), ("@n", MailFolders.Drafts));
                MessageContents.Release(tx, contents);
            }

            return Append(tx, userId, MailFolders.Drafts, content, MessageFlags.Seen, at);
        }, cancellationToken);
    }

    private static int Order(string folder)
    {
        for (var i = 0; i < MailFolders.Defaults.Count; i++)
        {
            if (MailFolders.Defaults[i] == folder)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
