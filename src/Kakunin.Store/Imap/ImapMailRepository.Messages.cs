using System.Data.Common;
using System.Runtime.CompilerServices;

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
        "SELECT uid, modseq, flags FROM messages INDEXED BY ix_messages_folder_modseq WHERE folder_id = @f AND modseq > @s ORDER BY uid";

    /// <summary>The UIDs expunged from a folder since a MODSEQ, ascending (named index for the same reason).</summary>
    internal const string ExpungedSinceSql =
        "SELECT uid FROM expunged INDEXED BY ix_expunged_folder_modseq WHERE folder_id = @f AND modseq > @s ORDER BY uid";

    /// <summary><see cref="ChangedSinceSql"/> in <paramref name="dialect"/>: SQLite's text, without INDEXED BY elsewhere.</summary>
    internal static string ChangedSince(Dialects.IStoreDialect dialect) => Indexed(ChangedSinceSql, "ix_messages_folder_modseq", dialect);

    /// <summary><see cref="ExpungedSinceSql"/> in <paramref name="dialect"/>.</summary>
    internal static string ExpungedSince(Dialects.IStoreDialect dialect) => Indexed(ExpungedSinceSql, "ix_expunged_folder_modseq", dialect);

    private static string Indexed(string sqliteSql, string index, Dialects.IStoreDialect dialect) =>
        sqliteSql.Replace(Dialects.SqliteDialect.Text.IndexedBy(index), dialect.IndexedBy(index), StringComparison.Ordinal);

    /// <summary>What changed in a folder of the user since <paramref name="sinceModSeq"/>; null when the folder is gone.</summary>
    public async Task<FolderChangeSet?> GetChangesAsync(long userId, long folderId, ulong sinceModSeq, CancellationToken cancellationToken)
    {
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        uint next;
        ulong highest;
        await using (var folder = Sql.Command(connection, "SELECT uid_next, highest_modseq FROM folders WHERE id = @f AND user_id = @u", ("@f", folderId), ("@u", userId)))
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
            await using var command = Sql.Command(connection, ChangedSince(_store.Dialect), ("@f", folderId), ("@s", since));
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
            await using var command = Sql.Command(connection, ExpungedSince(_store.Dialect), ("@f", folderId), ("@s", since));
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
    /// The messages of the user's folder among <paramref name="uids"/>, ascending UID (a UID that is gone is skipped),
    /// with what <paramref name="wants"/> asks for. Bytes read are checked against their checksum as every read of stored
    /// bytes is (a mismatch is reported to the store's integrity and marks the message). A header is read through the
    /// content cache (docs/imap-store.md, "The content cache"): only the header's bytes, checked against the header's own
    /// checksum, when the content has a cache row, else the whole content, verified. An ENVELOPE is given only when cached
    /// and matching its checksum; a message without one gets its header instead, for the caller to build the ENVELOPE
    /// and <see cref="RememberEnvelope"/> it.
    /// </summary>
    public async IAsyncEnumerable<MessageData> FetchAsync(
        long userId, long folderId, IReadOnlyList<uint> uids, FetchWants wants, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(wants);
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await OwnsFolderAsync(connection, userId, folderId, cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        const string Metadata = "SELECT m.uid, m.modseq, m.flags, m.received_at, m.size, m.id";
        var cached = !wants.Content && (wants.Header || wants.Envelope != EnvelopeWanted.None);
        // Npgsql runs one command at a time on a connection, so the cache reader cannot read a content beside this
        // reader there: on PostgreSQL the content comes in the same row (it is read whole there anyway, no blob handle).
        var inline = cached && !_store.IsSqlite;
        var sql = wants.Content
            ? Metadata + ", " + MessageContents.Select + ", " + MessageContents.Checksum + " FROM messages m" + MessageContents.Join
            : cached
                ? Metadata + ", m.content_id, " + ContentCacheReader.Columns
                    + (inline ? ", " + MessageContents.Select + ", " + MessageContents.Checksum : string.Empty)
                    + " FROM messages m" + ContentCacheReader.Join + (inline ? MessageContents.Join : string.Empty)
                : Metadata + " FROM messages m";
        sql += " WHERE m.folder_id = @f AND m.uid BETWEEN @a AND @b ORDER BY m.uid";
        await using var command = Sql.Command(connection, sql, ("@f", folderId), ("@a", 0L), ("@b", 0L));
        command.Transaction = transaction;
        using var cache = cached ? new ContentCacheReader(_store, connection, transaction, userId) : null;
        try
        {
            foreach (var (first, last) in Ranges(uids))
            {
                command.Parameters["@a"].Value = (long)first;
                command.Parameters["@b"].Value = (long)last;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var data = new MessageData(
                        (uint)reader.GetInt64(0), (ulong)reader.GetInt64(1), StoredFlags.Parse(reader.GetString(2)), Sql.FromUnixMs(reader.GetInt64(3)), reader.GetInt64(4),
                        null, null, false);
                    if (wants.Content)
                    {
                        var raw = (byte[])reader.GetValue(6);
                        var damaged = !_store.Mailboxes.CheckContent(userId, reader.GetInt64(5), raw, Sql.NullableString(reader, 7));
                        data = data with { Content = raw, IsDamaged = damaged };
                    }
                    else if (cache is not null)
                    {
                        data = cache.Read(reader, 5, data, wants, _writeBack);
                    }

                    yield return data;
                }
            }
        }
        finally
        {
            _writeBack.Flush();
        }
    }

    /// <summary>
    /// Keeps the ENVELOPE texts built for a content (from a header that matched its checksum) for the next FETCH;
    /// written later, in a batch, or dropped when too many are pending (<see cref="ContentCacheWriteBack"/>).
    /// </summary>
    public void RememberEnvelope(long contentId, byte[] envelope, byte[]? envelopeUtf8)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        _writeBack.RememberEnvelope(contentId, envelope, envelopeUtf8);
    }

    /// <summary>The header block of a message: up to and including the first empty line (the whole message when it has none).</summary>
    public static ReadOnlyMemory<byte> HeaderOf(byte[] content) => content.AsMemory(0, HeaderBlock.LengthOf(content));
}
