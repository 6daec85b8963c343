using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Kakunin.Store.Imap;

/// <summary>Changing messages: flags, copy and move, expunge, append; and the rows SEARCH evaluates.</summary>
public sealed partial class ImapMailRepository
{
    /// <summary>
    /// Changes the flags of the messages among <paramref name="uids"/> in one write (so a test-and-set of $MDNSent,
    /// from IMAP or the webmail's <see cref="MailboxMessages.TryAddFlag"/>, has one winner). With
    /// <paramref name="unchangedSince"/> a message whose MODSEQ is higher is left alone and listed as modified
    /// (RFC 7162 §3.1.3). Null when the user has no such folder. Set-based: one range read, one UPDATE for all the
    /// changed messages (each still gets its own new MODSEQ from the trigger), one range read of the new MODSEQs.
    /// Committed without waiting for an fsync unless it sets $MDNSent (docs/imap-store.md, "Durability of flags").
    /// </summary>
    public Task<FlagStoreResult?> StoreFlagsAsync(
        long userId, long folderId, IReadOnlyList<uint> uids, FlagOperation operation, IReadOnlyList<string> flags, ulong? unchangedSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        var wanted = StoredFlags.Clean(flags);
        FlagStoreResult? Work(StoreTransaction tx)
        {
            if (!OwnsFolder(tx, userId, folderId))
            {
                return null;
            }

            var ranges = Ranges(uids);
            var updates = new List<(long Id, uint Uid, List<string> Flags)>();
            var modified = new List<uint>();
            foreach (var (first, last) in ranges)
            {
                using var command = tx.Command("SELECT id, uid, modseq, flags FROM messages WHERE folder_id = @f AND uid BETWEEN @a AND @b ORDER BY uid", ("@f", folderId), ("@a", (long)first), ("@b", (long)last));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var uid = (uint)reader.GetInt64(1);
                    if (unchangedSince is { } limit && (ulong)reader.GetInt64(2) > limit)
                    {
                        modified.Add(uid);
                        continue;
                    }

                    var current = StoredFlags.Parse(reader.GetString(3));
                    var next = StoredFlags.Apply(current, operation, wanted);
                    if (!StoredFlags.SameSet(current, next))
                    {
                        updates.Add((reader.GetInt64(0), uid, next));
                    }
                }
            }

            if (updates.Count == 0)
            {
                return new FlagStoreResult([], modified);
            }

            // One statement for the whole set; the trigger gives each message its new MODSEQ and keeps seen with \Seen.
            if (updates.Count == 1)
            {
                MailboxRepository.SetFlags(tx, updates[0].Id, StoredFlags.Join(updates[0].Flags));
            }
            else
            {
                tx.Execute(tx.Dialect.UpdateFlagsFromJson("@rows"), ("@rows", RowsJson(updates)));
            }

            var modSeqs = new Dictionary<uint, ulong>(updates.Count);
            foreach (var (first, last) in Ranges(updates.Select(u => u.Uid)))
            {
                using var command = tx.Command("SELECT uid, modseq FROM messages WHERE folder_id = @f AND uid BETWEEN @a AND @b", ("@f", folderId), ("@a", (long)first), ("@b", (long)last));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    modSeqs[(uint)reader.GetInt64(0)] = (ulong)reader.GetInt64(1);
                }
            }

            return new FlagStoreResult([.. updates.Select(u => new MessageFlagState(u.Uid, modSeqs[u.Uid], u.Flags))], modified);
        }

        // $MDNSent records that a receipt went (or is going) out: that one waits for its fsync, so no power loss can let
        // a second receipt go (docs/read-receipts.md). Other flags are committed as Dovecot's mail_fsync=optimized does.
        var setsMdnSent = operation != FlagOperation.Remove && StoredFlags.Has(wanted, MessageFlags.MdnSent);
        return setsMdnSent
            ? _store.Writer.WriteAsync(Work, cancellationToken)
            : _store.Writer.WriteWithoutFsyncAsync(Work, cancellationToken);
    }

    // [[id, "flags"], ...] for json_each: the new flags text of each message to change.
    private static string RowsJson(List<(long Id, uint Uid, List<string> Flags)> updates)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(updates.Count * 24);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (id, _, next) in updates)
            {
                json.WriteStartArray();
                json.WriteNumberValue(id);
                json.WriteStringValue(StoredFlags.Join(next));
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Copies (or moves) the user's messages among <paramref name="uids"/> to the folder <paramref name="target"/>:
    /// each gets a new UID there; a copy refers to the same stored bytes (message_contents), a move keeps its row
    /// (and so the Sent item's tracking) and is logged as expunged from the source. Null when either folder is not the user's.
    /// </summary>
    public Task<CopyResult?> CopyAsync(long userId, long folderId, IReadOnlyList<uint> uids, string target, bool move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        return _store.Writer.WriteAsync(tx =>
        {
            if (!OwnsFolder(tx, userId, folderId) || FolderId(tx, userId, target) is not { } targetId)
            {
                return null;
            }

            var sources = new List<(long Id, uint Uid)>();
            foreach (var (first, last) in Ranges(uids))
            {
                using var command = tx.Command("SELECT id, uid FROM messages WHERE folder_id = @f AND uid BETWEEN @a AND @b ORDER BY uid", ("@f", folderId), ("@a", (long)first), ("@b", (long)last));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    sources.Add((reader.GetInt64(0), (uint)reader.GetInt64(1)));
                }
            }

            var targetUids = new List<uint>(sources.Count);
            foreach (var (id, _) in sources)
            {
                long newId;
                if (move && targetId != folderId)
                {
                    tx.Execute("UPDATE messages SET folder_id = @t, uid = NULL WHERE id = @id", ("@t", targetId), ("@id", id));
                    newId = id;
                }
                else
                {
                    // Rows from before migration 4 keep their bytes inline: those (and their checksum) are copied with them.
                    newId = tx.ScalarInt64(
                        "INSERT INTO messages (folder_id, received_at, size, flags, content, content_id, subject, from_text, to_text, date_at, has_attachments, seen, report_state, sha256) " +
                        "SELECT @t, received_at, size, flags, content, content_id, subject, from_text, to_text, date_at, has_attachments, seen, report_state, sha256 FROM messages WHERE id = @id RETURNING id",
                        ("@t", targetId), ("@id", id))!.Value;
                }

                if (move && targetId == folderId)
                {
                    // A move within one folder (RFC 6851 allows it) is a copy and an expunge; the Sent item's tracking follows.
                    tx.Execute("UPDATE tracking_messages SET sent_message_id = @n WHERE sent_message_id = @id", ("@n", newId), ("@id", id));
                    tx.Execute("DELETE FROM messages WHERE id = @id", ("@id", id));
                }

                targetUids.Add((uint)tx.ScalarInt64("SELECT uid FROM messages WHERE id = @id", ("@id", newId))!.Value);
            }

            return new CopyResult(UidValidityOf(tx, targetId), [.. sources.Select(s => s.Uid)], targetUids);
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes the user's messages flagged \Deleted in the folder (only those among <paramref name="uids"/> when given);
    /// returns their UIDs ascending, or null when the folder is not the user's.
    /// </summary>
    public Task<IReadOnlyList<uint>?> ExpungeAsync(long userId, long folderId, IReadOnlyList<uint>? uids, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync<IReadOnlyList<uint>?>(tx =>
        {
            if (!OwnsFolder(tx, userId, folderId))
            {
                return null;
            }

            var allowed = uids is null ? null : new HashSet<uint>(uids);
            var doomed = new List<(long Id, uint Uid)>();
            using (var command = tx.Command(
                "SELECT id, uid, flags FROM messages WHERE folder_id = @f AND " + tx.Dialect.HasText("flags", "\\Deleted") + " ORDER BY uid", ("@f", folderId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var uid = (uint)reader.GetInt64(1);
                    if ((allowed is null || allowed.Contains(uid)) && StoredFlags.Has(StoredFlags.Parse(reader.GetString(2)), StoredFlags.Deleted))
                    {
                        doomed.Add((reader.GetInt64(0), uid));
                    }
                }
            }

            foreach (var (id, _) in doomed)
            {
                var contents = MessageContents.ReferredBy(tx, "id = @id", ("@id", id));
                tx.Execute("DELETE FROM messages WHERE id = @id", ("@id", id)); // the trigger logs the expunge
                MessageContents.Release(tx, contents);
            }

            return [.. doomed.Select(d => d.Uid)];
        }, cancellationToken);

    /// <summary>
    /// Stores a message in the user's folder (APPEND); null when there is no such folder. An APPEND to Sent of a
    /// message whose Message-ID is that of a message this server itself filed in the user's Sent folder (when they
    /// submitted it, tracking_messages.sent_message_id) within <paramref name="sentWindow"/> is not stored again: the
    /// client's flags are added to that copy and its UID returned.
    /// </summary>
    public Task<AppendResult?> AppendAsync(
        long userId, string userAddress, string folder, ReadOnlyMemory<byte> content, IReadOnlyList<string> flags, DateTimeOffset receivedAt, DateTimeOffset now,
        TimeSpan sentWindow, CancellationToken cancellationToken)
    {
        var wanted = StoredFlags.Clean(flags);
        var summary = MessageSummary.Read(content); // outside the writer
        return _store.Writer.WriteAsync(tx =>
        {
            if (FolderId(tx, userId, folder) is not { } folderId)
            {
                return null;
            }

            if (folder == MailFolders.Sent && summary.MessageId is { } messageId
                && ServerSentCopy(tx, folderId, userAddress, messageId, now - sentWindow) is { } existing)
            {
                var current = StoredFlags.Parse(tx.Command("SELECT flags FROM messages WHERE id = @id", ("@id", existing.Id)) is var c && c.ExecuteScalar() is string s ? s : null);
                c.Dispose();
                var merged = StoredFlags.Apply(current, FlagOperation.Add, wanted);
                if (!StoredFlags.SameSet(current, merged))
                {
                    MailboxRepository.SetFlags(tx, existing.Id, StoredFlags.Join(merged));
                }

                return new AppendResult(UidValidityOf(tx, folderId), existing.Uid, WasAlreadyStored: true);
            }

            var id = MailboxRepository.Append(tx, userId, folder, content, StoredFlags.Join(wanted), receivedAt, summary: summary);
            var uid = (uint)tx.ScalarInt64("SELECT uid FROM messages WHERE id = @id", ("@id", id))!.Value;
            return new AppendResult(UidValidityOf(tx, folderId), uid, WasAlreadyStored: false);
        }, cancellationToken);
    }

    private static (long Id, uint Uid)? ServerSentCopy(StoreTransaction tx, long sentFolderId, string userAddress, string messageId, DateTimeOffset since)
    {
        using var command = tx.Command(
            "SELECT m.id, m.uid FROM tracking_messages t JOIN messages m ON m.id = t.sent_message_id " +
            "WHERE t.message_id = @mid AND t.sender_user = @user AND t.submitted_at >= @since AND m.folder_id = @f ORDER BY t.id DESC LIMIT 1",
            ("@mid", messageId), ("@user", userAddress), ("@since", Sql.ToUnixMs(since)), ("@f", sentFolderId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (uint)reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// The messages of the user's folder SEARCH looks at, ascending UID: only UIDs within <paramref name="uidRanges"/>
    /// when given (a prefilter the caller proved cannot change the result), with only the <paramref name="columns"/> the
    /// key needs (the others are left at their defaults: no flags, MODSEQ 0, sizes 0, texts and dates null).
    /// <see cref="SearchColumns.Header"/> reads the header block through the content cache (only those bytes of a large
    /// message) into <see cref="SearchCandidate.Header"/>; <see cref="SearchColumns.Content"/> the whole message, verified.
    /// </summary>
    public async IAsyncEnumerable<SearchCandidate> SearchCandidatesAsync(
        long userId, long folderId, IReadOnlyList<(uint First, uint Last)>? uidRanges, SearchColumns columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await OwnsFolderAsync(connection, userId, folderId, cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        var header = (columns & SearchColumns.Header) != 0 && (columns & SearchColumns.Content) == 0;
        var content = (columns & SearchColumns.Content) != 0;
        var sql = new System.Text.StringBuilder("SELECT m.uid");
        var at = 1;
        int Column(SearchColumns wanted, string expression)
        {
            if ((columns & wanted) == 0)
            {
                return -1;
            }

            sql.Append(", ").Append(expression);
            return at++;
        }

        var modSeq = Column(SearchColumns.ModSeq, "m.modseq");
        var flags = Column(SearchColumns.Flags, "m.flags");
        var received = Column(SearchColumns.InternalDate, "m.received_at");
        var size = Column(SearchColumns.Size, "m.size");
        var subject = Column(SearchColumns.Subject, "m.subject");
        var from = Column(SearchColumns.Addresses, "m.from_text");
        var to = Column(SearchColumns.Addresses, "m.to_text");
        var sent = Column(SearchColumns.SentDate, "m.date_at");
        var bytesAt = at;
        if (content)
        {
            sql.Append(", m.id, ").Append(MessageContents.Select).Append(", ").Append(MessageContents.Checksum).Append(" FROM messages m").Append(MessageContents.Join);
        }
        else if (header)
        {
            sql.Append(", m.id, m.content_id, ").Append(ContentCacheReader.Columns).Append(" FROM messages m").Append(ContentCacheReader.Join);
        }
        else
        {
            sql.Append(" FROM messages m");
        }

        sql.Append(" WHERE m.folder_id = @f AND m.uid BETWEEN @a AND @b ORDER BY m.uid");
        await using var command = Sql.Command(connection, sql.ToString(), ("@f", folderId), ("@a", 0L), ("@b", 0L));
        command.Transaction = transaction;
        using var cache = header ? new ContentCacheReader(_store, connection, transaction, userId) : null;
        var headerOnly = new FetchWants(true, false, EnvelopeWanted.None);
        try
        {
            foreach (var (first, last) in uidRanges ?? [(1u, uint.MaxValue)])
            {
                command.Parameters["@a"].Value = (long)first;
                command.Parameters["@b"].Value = (long)last;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var uid = (uint)reader.GetInt64(0);
                    ReadOnlyMemory<byte>? bytes = null;
                    ReadOnlyMemory<byte>? headerBytes = null;
                    if (content)
                    {
                        var raw = (byte[])reader.GetValue(bytesAt + 1);
                        _store.Mailboxes.CheckContent(userId, reader.GetInt64(bytesAt), raw, Sql.NullableString(reader, bytesAt + 2));
                        bytes = raw;
                    }
                    else if (cache is not null)
                    {
                        var data = cache.Read(reader, bytesAt, new MessageData(uid, 0, [], default, 0, null, null, false), headerOnly, _writeBack);
                        headerBytes = data.Header;
                    }

                    yield return new SearchCandidate(
                        uid, modSeq < 0 ? 0 : (ulong)reader.GetInt64(modSeq), flags < 0 ? [] : StoredFlags.Parse(reader.GetString(flags)),
                        received < 0 ? default : Sql.FromUnixMs(reader.GetInt64(received)), size < 0 ? 0 : reader.GetInt64(size),
                        subject < 0 ? null : Sql.NullableString(reader, subject), from < 0 ? null : Sql.NullableString(reader, from),
                        to < 0 ? null : Sql.NullableString(reader, to), sent < 0 ? null : Sql.NullableTime(reader, sent), bytes)
                    {
                        Header = headerBytes,
                    };
                }
            }
        }
        finally
        {
            _writeBack.Flush();
        }
    }
}
