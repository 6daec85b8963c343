using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Imap;

/// <summary>Reading messages: changes since a MODSEQ, fetch.</summary>
public sealed partial class ImapMailRepository
{
    /// <summary>
    /// The messages of a folder changed since a MODSEQ, ascending UID. The index is named: once ANALYZE has run (the
    /// store's PRAGMA optimize does at open), SQLite prefers walking the whole folder in UID order to avoid a sort,
    /// which made every poll after a STORE read all of a 100,000-message folder (≈ 25 ms) instead of the few rows
    /// that changed.
    /// </summary>
    internal const string ChangedSinceSql =
        "SELECT uid, modseq, flags FROM messages INDEXED BY ix_messages_folder_modseq WHERE folder_id = $f AND modseq > $s ORDER BY uid";

    /// <summary>The UIDs expunged from a folder since a MODSEQ, ascending (named index for the same reason).</summary>
    internal const string ExpungedSinceSql =
        "SELECT uid FROM expunged INDEXED BY ix_expunged_folder_modseq WHERE folder_id = $f AND modseq > $s ORDER BY uid";

    /// <summary>What changed in a folder of the user since <paramref name="sinceModSeq"/>; null when the folder is gone.</summary>
    public async Task<FolderChangeSet?> GetChangesAsync(long userId, long folderId, ulong sinceModSeq, CancellationToken cancellationToken)
    {
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        uint next;
        ulong highest;
        await using (var folder = Sql.Command(connection, "SELECT uid_next, highest_modseq FROM folders WHERE id = $f AND user_id = $u", ("$f", folderId), ("$u", userId)))
        {
            folder.Transaction = transaction;
            await using var reader = await folder.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (next, highest) = ((uint)reader.GetInt64(0), (ulong)reader.GetInt64(1));
        }

        var since = (long)Math.Min(sinceModSeq, long.MaxValue);
        var changed = new List<MessageFlagState>();
        if ((ulong)since < highest)
        {
            await using var command = Sql.Command(connection, ChangedSinceSql, ("$f", folderId), ("$s", since));
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changed.Add(new MessageFlagState((uint)reader.GetInt64(0), (ulong)reader.GetInt64(1), StoredFlags.Parse(reader.GetString(2))));
            }
        }

        var expunged = new List<uint>();
        if ((ulong)since < highest)
        {
            await using var command = Sql.Command(connection, ExpungedSinceSql, ("$f", folderId), ("$s", since));
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                expunged.Add((uint)reader.GetInt64(0));
            }
        }

        return new FolderChangeSet(changed, expunged, next, highest);
    }

    /// <summary>
    /// The messages of the user's folder among <paramref name="uids"/>, ascending UID (a UID that is gone is skipped);
    /// the bytes only when <paramref name="header"/> or <paramref name="content"/> asks for them, checked against their
    /// checksum as every read of stored bytes is (a mismatch is reported to the store's integrity and marks the message).
    /// </summary>
    public async IAsyncEnumerable<MessageData> FetchAsync(
        long userId, long folderId, IReadOnlyList<uint> uids, bool header, bool content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await OwnsFolderAsync(connection, userId, folderId, cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        var bytes = header || content;
        var sql = bytes
            ? "SELECT m.uid, m.modseq, m.flags, m.received_at, m.size, m.id, " + MessageContents.Select + ", " + MessageContents.Checksum +
              " FROM messages m" + MessageContents.Join + " WHERE m.folder_id = $f AND m.uid BETWEEN $a AND $b ORDER BY m.uid"
            : "SELECT m.uid, m.modseq, m.flags, m.received_at, m.size FROM messages m WHERE m.folder_id = $f AND m.uid BETWEEN $a AND $b ORDER BY m.uid";
        await using var command = Sql.Command(connection, sql, ("$f", folderId), ("$a", 0L), ("$b", 0L));
        command.Transaction = transaction;
        foreach (var (first, last) in Ranges(uids))
        {
            command.Parameters["$a"].Value = (long)first;
            command.Parameters["$b"].Value = (long)last;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var uid = (uint)reader.GetInt64(0);
                var data = new MessageData(
                    uid, (ulong)reader.GetInt64(1), StoredFlags.Parse(reader.GetString(2)), Sql.FromUnixMs(reader.GetInt64(3)), reader.GetInt64(4), null, null, false);
                if (bytes)
                {
                    var raw = (byte[])reader.GetValue(6);
                    var damaged = !_store.Mailboxes.CheckContent(userId, reader.GetInt64(5), raw, Sql.NullableString(reader, 7));
                    data = content
                        ? data with { Content = raw, IsDamaged = damaged }
                        : data with { Header = HeaderOf(raw), IsDamaged = damaged };
                }

                yield return data;
            }
        }
    }

    /// <summary>The header block of a message: up to and including the first empty line (the whole message when it has none).</summary>
    public static ReadOnlyMemory<byte> HeaderOf(byte[] content)
    {
        // The first empty line, whether its line ends are CRLF or bare LF.
        var span = content.AsSpan();
        for (var i = span.IndexOf((byte)'\n'); i >= 0 && i < span.Length - 1;)
        {
            if (span[i + 1] == '\n')
            {
                return content.AsMemory(0, i + 2);
            }

            if (span[i + 1] == '\r' && i + 2 < span.Length && span[i + 2] == '\n')
            {
                return content.AsMemory(0, i + 3);
            }

            var next = span[(i + 1)..].IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return content;
    }
}
