using System.Data.Common;

namespace Kakunin.Store.Imap;

/// <summary>Opening a folder (SELECT/EXAMINE): its counters, every UID, the unseen count and the keywords in use.</summary>
public sealed partial class ImapMailRepository
{
    // Above this many changes since the remembered snapshot, reading the folder again is cheaper than applying them.
    private const int MaxChangesApplied = 2_000;

    private readonly FolderSnapshots _snapshots = new(capacity: 256);

    /// <summary>
    /// Opens a folder: its counters and every UID ascending; null when the user has no such folder. A folder opened
    /// before is not read again (docs/imap-store.md, "Opening a folder"): unchanged since (same UIDVALIDITY, UIDNEXT
    /// and HIGHESTMODSEQ), the same snapshot is returned, its UID array shared by every session that has the folder
    /// selected; changed a little, only the changes since are read and applied. So a SELECT of a 100,000-message
    /// folder reads one row, and 200 sessions idling on it hold one UID array, not 200.
    /// </summary>
    public async Task<FolderSnapshot?> OpenAsync(long userId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: the folder row and its messages are one snapshot of the WAL.
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        uint validity, next;
        ulong highest;
        await using (var folder = Sql.Command(connection, "SELECT id, uid_validity, uid_next, highest_modseq FROM folders WHERE user_id = @u AND name = @n", ("@u", userId), ("@n", name)))
        {
            folder.Transaction = transaction;
            await using var reader = await folder.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (id, validity, next, highest) = (reader.GetInt64(0), (uint)reader.GetInt64(1), (uint)reader.GetInt64(2), (ulong)reader.GetInt64(3));
        }

        var known = _snapshots.Get(id);
        if (known is not null && known.UidValidity == validity && known.UidNext == next && known.HighestModSeq == highest)
        {
            return known.Name == name ? known : known with { Name = name };
        }

        var snapshot = known is not null && known.UidValidity == validity && known.HighestModSeq < highest
            ? await ApplyChangesAsync(_store.Dialect, connection, transaction, known, name, next, highest, cancellationToken).ConfigureAwait(false)
            : null;
        snapshot ??= await ReadFolderAsync(connection, transaction, id, name, validity, next, highest, cancellationToken).ConfigureAwait(false);
        _snapshots.Put(snapshot);
        return snapshot;
    }

    /// <summary>Every message of the folder, in UID order: the UIDs, the unseen ones, the keywords in use.</summary>
    private static async Task<FolderSnapshot> ReadFolderAsync(
        DbConnection connection, DbTransaction transaction, long id, string name, uint validity, uint next, ulong highest, CancellationToken cancellationToken)
    {
        var uids = new List<uint>();
        var keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long unseen = 0;
        uint? firstUnseen = null;
        await using (var messages = Sql.Command(connection, "SELECT uid, seen, flags FROM messages WHERE folder_id = @f ORDER BY uid", ("@f", id)))
        {
            messages.Transaction = transaction;
            await using var reader = await messages.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var uid = (uint)reader.GetInt64(0);
                uids.Add(uid);
                if (reader.GetInt64(1) == 0)
                {
                    unseen++;
                    firstUnseen ??= uid;
                }

                AddKeywords(keywords, reader.GetString(2));
            }
        }

        return new FolderSnapshot(id, name, validity, next, highest, [.. uids], unseen, firstUnseen, [.. keywords.Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The snapshot <paramref name="known"/> brought up to date from the rows changed and the UIDs expunged since its
    /// MODSEQ (the same index ranges a poll reads); null when there are too many to be worth it. UIDs only grow, so a
    /// changed row with a UID at or above the old UIDNEXT is new (delivered, appended, copied or moved in). The unseen
    /// count and first unseen UID are read again from the partial index of unseen messages. The keyword list keeps
    /// the old keywords (as Dovecot's index does, a keyword once used stays listed in FLAGS) and adds new ones.
    /// </summary>
    private static async Task<FolderSnapshot?> ApplyChangesAsync(
        Dialects.IStoreDialect dialect, DbConnection connection, DbTransaction transaction, FolderSnapshot known, string name, uint next, ulong highest, CancellationToken cancellationToken)
    {
        var since = (long)known.HighestModSeq;
        var arrived = new List<uint>();
        var keywords = new HashSet<string>(known.Keywords, StringComparer.OrdinalIgnoreCase);
        var changes = 0;
        await using (var command = Sql.Command(connection, ChangedSince(dialect), ("@f", known.FolderId), ("@s", since)))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (++changes > MaxChangesApplied)
                {
                    return null;
                }

                var uid = (uint)reader.GetInt64(0);
                if (uid >= known.UidNext)
                {
                    arrived.Add(uid);
                }

                AddKeywords(keywords, reader.GetString(2));
            }
        }

        var expunged = new HashSet<uint>();
        await using (var command = Sql.Command(connection, ExpungedSince(dialect), ("@f", known.FolderId), ("@s", since)))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (++changes > MaxChangesApplied)
                {
                    return null;
                }

                expunged.Add((uint)reader.GetInt64(0));
            }
        }

        var uids = new List<uint>(known.Uids.Length + arrived.Count - expunged.Count);
        foreach (var uid in known.Uids)
        {
            if (!expunged.Contains(uid))
            {
                uids.Add(uid);
            }
        }

        uids.AddRange(arrived); // ascending, and all above the old ones
        long unseen;
        uint? firstUnseen;
        await using (var command = Sql.Command(connection, "SELECT count(*), min(uid) FROM messages WHERE folder_id = @f AND seen = 0", ("@f", known.FolderId)))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            unseen = reader.GetInt64(0);
            firstUnseen = reader.IsDBNull(1) ? null : (uint)reader.GetInt64(1);
        }

        return new FolderSnapshot(
            known.FolderId, name, known.UidValidity, next, highest, [.. uids], unseen, firstUnseen, [.. keywords.Order(StringComparer.Ordinal)]);
    }

    private static void AddKeywords(HashSet<string> keywords, string flags)
    {
        if (flags.Length == 0)
        {
            return;
        }

        foreach (var flag in StoredFlags.Parse(flags))
        {
            if (!flag.StartsWith('\\'))
            {
                keywords.Add(flag);
            }
        }
    }
}
