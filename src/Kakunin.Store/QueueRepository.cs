using System.Data.Common;
using Kakunin.Protocol;
using Kakunin.Store.Integrity;

namespace Kakunin.Store;

/// <summary>
/// The queue tables. Only the queue (Kakunin.Queue) changes them, through the store writer; the message bytes
/// live in the row (see docs/queue.md for why).
/// </summary>
public sealed partial class QueueRepository
{
    private const string RecipientColumns =
        "r.id, r.message_id, r.parent_id, r.address, r.notify, r.orcpt_parameter, r.orcpt_type, r.orcpt_address, r.state, r.attempts, r.next_attempt_at, r.last_attempt_at, r.status, r.diagnostic_type, r.diagnostic, r.remote_mta, r.dsn_success_sent, r.dsn_delay_sent, r.dsn_failure_sent, r.updated_at";

    private const string MessageColumns =
        "m.id, m.queue_id, m.reverse_path, m.envelope_id, m.ret, m.body, m.smtputf8, m.authenticated_user, m.sender_verified, m.is_report, m.received_at, m.size, m.state, m.may_be_report";

    private readonly KakuninStore _store;

    internal QueueRepository(KakuninStore store) => _store = store;

    /// <summary>Queues a message and its recipients (all pending, due at once) inside a write transaction.</summary>
    public static QueuedMessage Insert(StoreTransaction transaction, NewQueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(message);
        var id = transaction.ScalarInt64(
            "INSERT INTO queue_messages (queue_id, reverse_path, envelope_id, ret, body, smtputf8, authenticated_user, sender_verified, is_report, received_at, size, state, content, may_be_report, sha256) " +
            "VALUES (@q, @rp, @env, @ret, @body, @utf8, @auth, @ver, @rep, @t, @size, 'active', @c, @mbr, @h) RETURNING id",
            ("@q", message.QueueId), ("@rp", message.ReversePath), ("@env", message.EnvelopeId), ("@ret", EnvelopeText.FormatReturn(message.Return)),
            ("@body", EnvelopeText.FormatBody(message.Body)), ("@utf8", message.SmtpUtf8 ? 1 : 0), ("@auth", message.AuthenticatedUser),
            ("@ver", message.SenderVerified ? 1 : 0), ("@rep", message.IsReport ? 1 : 0), ("@t", Sql.ToUnixMs(message.ReceivedAt)),
            ("@size", message.Content.Length), ("@c", message.Content.ToArray()), ("@mbr", message.MayBeReport ? 1 : 0),
            ("@h", ContentChecksum.Of(message.Content.Span)))!.Value;
        var ids = message.Recipients.Select(r => AddRecipient(transaction, id, r, null, message.ReceivedAt)).ToList();
        return new QueuedMessage(id, message.QueueId, ids);
    }

    /// <summary>Queues a message in its own write (group-committed with others).</summary>
    public Task<QueuedMessage> EnqueueAsync(NewQueueMessage message, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(tx => Insert(tx, message), cancellationToken);

    /// <summary>Adds a recipient to a queued message, pending and due at <paramref name="now"/> (used for alias expansion).</summary>
    public static long AddRecipient(StoreTransaction transaction, long messageId, NewQueueRecipient recipient, long? parentId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(recipient);
        var t = Sql.ToUnixMs(now);
        return transaction.ScalarInt64(
            "INSERT INTO queue_recipients (message_id, parent_id, address, notify, orcpt_parameter, orcpt_type, orcpt_address, state, attempts, next_attempt_at, dsn_success_sent, dsn_delay_sent, dsn_failure_sent, updated_at) " +
            "VALUES (@m, @p, @a, @n, @op, @ot, @oa, 'pending', 0, @t, 0, 0, 0, @t) RETURNING id",
            ("@m", messageId), ("@p", parentId), ("@a", recipient.Address), ("@n", EnvelopeText.FormatNotify(recipient.Notify)),
            ("@op", recipient.OriginalRecipientParameter), ("@ot", recipient.OriginalRecipient?.AddressType), ("@oa", recipient.OriginalRecipient?.Address),
            ("@t", t))!.Value;
    }

    /// <summary>Writes back a recipient's mutable fields (state, attempts, times, diagnostic, DSN flags).</summary>
    public static void Update(StoreTransaction transaction, QueueRecipientRecord recipient)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(recipient);
        transaction.Execute(
            "UPDATE queue_recipients SET state = @s, attempts = @at, next_attempt_at = @n, last_attempt_at = @l, status = @st, diagnostic_type = @dt, diagnostic = @d, remote_mta = @r, " +
            "dsn_success_sent = @ds, dsn_delay_sent = @dd, dsn_failure_sent = @df, updated_at = @u WHERE id = @id",
            ("@s", recipient.State.ToText()), ("@at", recipient.Attempts), ("@n", Sql.ToUnixMs(recipient.NextAttemptAt)),
            ("@l", recipient.LastAttemptAt is { } l ? Sql.ToUnixMs(l) : null), ("@st", recipient.Status), ("@dt", recipient.DiagnosticType),
            ("@d", recipient.Diagnostic), ("@r", recipient.RemoteMta), ("@ds", recipient.SuccessDsnSent ? 1 : 0), ("@dd", recipient.DelayDsnSent ? 1 : 0),
            ("@df", recipient.FailureDsnSent ? 1 : 0), ("@u", Sql.ToUnixMs(recipient.UpdatedAt)), ("@id", recipient.Id));
    }

    /// <summary>Marks the message done when none of its recipients is pending or deferred; returns whether it is done.</summary>
    public static bool CompleteIfFinished(StoreTransaction transaction, long messageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var open = transaction.ScalarInt64("SELECT COUNT(*) FROM queue_recipients WHERE message_id = @m AND state IN ('pending', 'deferred')", ("@m", messageId));
        if (open > 0)
        {
            return false;
        }

        // Finished: nothing will send the body again (DSNs were composed in this same transaction), so
        // keep only the header section as evidence, for `kakunin queue show`, and let the body go —
        // otherwise every message would be stored twice for good (queue and mailbox).
        // The kept header section gets its own checksum (sha256_hex, ContentChecksum), so what is left stays verifiable.
        var headerSection = transaction.Dialect.HeaderSectionOf("content");
        transaction.Execute(
            $"UPDATE queue_messages SET state = 'done', content = {headerSection}, sha256 = {transaction.Dialect.Sha256Hex(headerSection)} WHERE id = @m",
            ("@m", messageId));
        return true;
    }

    public static QueueMessageRecord? GetMessage(StoreTransaction transaction, long messageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Command($"SELECT {MessageColumns} FROM queue_messages m WHERE m.id = @id", ("@id", messageId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadMessage(reader) : null;
    }

    public static QueueRecipientRecord? GetRecipient(StoreTransaction transaction, long recipientId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Command($"SELECT {RecipientColumns} FROM queue_recipients r WHERE r.id = @id", ("@id", recipientId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecipient(reader) : null;
    }

    public static IReadOnlyList<QueueRecipientRecord> GetRecipients(StoreTransaction transaction, long messageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Command($"SELECT {RecipientColumns} FROM queue_recipients r WHERE r.message_id = @m ORDER BY r.id", ("@m", messageId));
        using var reader = command.ExecuteReader();
        var list = new List<QueueRecipientRecord>();
        while (reader.Read())
        {
            list.Add(ReadRecipient(reader));
        }

        return list;
    }

    /// <summary>
    /// The message bytes, checked against their checksum: damaged bytes throw <see cref="DamagedContentException"/> (they are
    /// neither delivered nor sent; the message is held apart as damaged, <see cref="MarkDamaged"/>).
    /// </summary>
    public static byte[] GetContent(StoreTransaction transaction, long messageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Command(ContentSql, ("@id", messageId));
        using var reader = command.ExecuteReader();
        return Verified(transaction.Integrity, reader.Read() ? reader : null, messageId);
    }

    /// <summary>
    /// Takes a queued message whose bytes were found damaged out of the runner's way (state 'damaged', like Postfix's
    /// corrupt queue): its recipients stay as they are, shown by <c>kakunin queue list</c>, until an administrator
    /// restores the store from a backup or deletes the message (docs/storage.md).
    /// </summary>
    public static void MarkDamaged(StoreTransaction transaction, long messageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        transaction.Execute("UPDATE queue_messages SET state = 'damaged' WHERE id = @m AND state = 'active'", ("@m", messageId));
    }

    /// <summary>Recipients due at <paramref name="now"/> (pending or deferred, next attempt reached), oldest first, with their messages.</summary>
    public Task<IReadOnlyList<(QueueMessageRecord Message, QueueRecipientRecord Recipient)>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        GetDueAsync(now, limit, DueFilter.None, cancellationToken);

    /// <summary>Due recipients as above, without those <paramref name="filter"/> leaves out.</summary>
    public async Task<IReadOnlyList<(QueueMessageRecord Message, QueueRecipientRecord Recipient)>> GetDueAsync(DateTimeOffset now, int limit, DueFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (conditions, parameters) = DueConditions(_store.Dialect, now, filter);
        var sql = $"SELECT {MessageColumns}, {RecipientColumns} FROM queue_recipients r JOIN queue_messages m ON m.id = r.message_id " +
            $"WHERE {conditions} ORDER BY r.next_attempt_at, r.id LIMIT @limit";
        await using var command = Sql.Command(connection, sql, [.. parameters, ("@limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<(QueueMessageRecord, QueueRecipientRecord)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((ReadMessage(reader), ReadRecipient(reader, 14)));
        }

        return list;
    }

    /// <summary>
    /// The WHERE of a fetch of due recipients (r: queue_recipients, m: queue_messages), shared by <see cref="GetDueAsync(DateTimeOffset, int, DueFilter, CancellationToken)"/>
    /// and the claim of <see cref="ClaimDueAsync"/>.
    /// </summary>
    private static (string Conditions, (string Name, object? Value)[] Parameters) DueConditions(Dialects.IStoreDialect dialect, DateTimeOffset now, DueFilter filter)
    {
        // The lists travel as JSON arrays (json_each; PostgreSQL's jsonb_array_elements_text): one statement text (and
        // one prepared plan) whatever their length.
        var domain = dialect.DomainOf("r.address");
        var conditions = "r.state IN ('pending', 'deferred') AND r.next_attempt_at <= @now AND m.state <> 'damaged'" +
            (filter.Busy.Count > 0 ? $" AND r.id NOT IN ({dialect.JsonArrayOfIds("@busy")})" : "") +
            (filter.SkipDomains.Count > 0 ? $" AND {domain} NOT IN ({dialect.JsonArrayOfTexts("@skip")})" : "") +
            (filter.OnlyDomains is not null ? $" AND {domain} IN ({dialect.JsonArrayOfTexts("@only")})" : "");
        return (conditions,
        [
            ("@now", Sql.ToUnixMs(now)),
            ("@busy", System.Text.Json.JsonSerializer.Serialize(filter.Busy, DueFilterJson.Default.IReadOnlyCollectionInt64)),
            ("@skip", System.Text.Json.JsonSerializer.Serialize(filter.SkipDomains.Select(d => d.ToLowerInvariant()).ToArray(), DueFilterJson.Default.StringArray)),
            ("@only", System.Text.Json.JsonSerializer.Serialize((filter.OnlyDomains ?? []).Select(d => d.ToLowerInvariant()).ToArray(), DueFilterJson.Default.StringArray)),
        ]);
    }

    /// <summary>The message bytes, for a delivery attempt, checked as <see cref="GetContent"/> checks them.</summary>
    public async Task<byte[]> GetContentAsync(long messageId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, ContentSql, ("@id", messageId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return Verified(_store.Integrity, await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader : null, messageId);
    }

    private const string ContentSql = "SELECT content, sha256, queue_id FROM queue_messages WHERE id = @id";

    private static byte[] Verified(StoreIntegrity? integrity, DbDataReader? row, long messageId)
    {
        if (row is null)
        {
            throw new InvalidOperationException($"No queued message {messageId}.");
        }

        var content = (byte[])row.GetValue(0);
        var expected = Sql.NullableString(row, 1);
        if (ContentChecksum.Matches(content, expected))
        {
            return content;
        }

        var damage = new DamagedContent(DamagedContentSource.Queue, messageId, $"queued message {row.GetString(2)}", expected!, ContentChecksum.Of(content), content.Length);
        integrity?.Found(damage);
        throw new DamagedContentException(damage);
    }

    /// <summary>A message and its recipients by queue id, or null.</summary>
    public async Task<(QueueMessageRecord Message, IReadOnlyList<QueueRecipientRecord> Recipients)?> FindAsync(string queueId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        QueueMessageRecord message;
        await using (var command = Sql.Command(connection, $"SELECT {MessageColumns} FROM queue_messages m WHERE m.queue_id = @q", ("@q", queueId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            message = ReadMessage(reader);
        }

        var recipients = new List<QueueRecipientRecord>();
        await using (var command = Sql.Command(connection, $"SELECT {RecipientColumns} FROM queue_recipients r WHERE r.message_id = @m ORDER BY r.id", ("@m", message.Id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recipients.Add(ReadRecipient(reader));
            }
        }

        return (message, recipients);
    }

    /// <summary>Every queued message, newest last (for inspection and tests).</summary>
    public async Task<IReadOnlyList<QueueMessageRecord>> ListMessagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, $"SELECT {MessageColumns} FROM queue_messages m ORDER BY m.id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<QueueMessageRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadMessage(reader));
        }

        return list;
    }

    /// <summary>
    /// Which of <paramref name="messageId"/>'s recipients are still pending or deferred now. A delivery asks just before
    /// it sends: a recipient taken out of the queue meanwhile (<c>kakunin queue delete</c> in another process, or settled
    /// by another run) is not sent to (docs/storage.md, "Several writers").
    /// </summary>
    public async Task<IReadOnlySet<long>> OpenRecipientIdsAsync(long messageId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT id FROM queue_recipients WHERE message_id = @m AND state IN ('pending', 'deferred')", ("@m", messageId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var open = new HashSet<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            open.Add(reader.GetInt64(0));
        }

        return open;
    }

    /// <summary>How many recipients are still pending or deferred: the queue depth.</summary>
    public async Task<long> CountOpenRecipientsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT COUNT(*) FROM queue_recipients WHERE state IN ('pending', 'deferred')");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The queued messages with their recipients, oldest first: only active ones (some recipient still pending or
    /// deferred) unless <paramref name="includeDone"/>. For administrators (<c>kakunin queue list</c>).
    /// </summary>
    public async Task<IReadOnlyList<(QueueMessageRecord Message, IReadOnlyList<QueueRecipientRecord> Recipients)>> ListAsync(bool includeDone, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction, so the messages and recipients come from the same snapshot while the server writes.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<QueueMessageRecord>();
        await using (var command = Sql.Command(connection, $"SELECT {MessageColumns} FROM queue_messages m WHERE @all = 1 OR m.state <> 'done' ORDER BY m.id", ("@all", includeDone ? 1 : 0)))
        {
            command.Transaction = (DbTransaction)transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(ReadMessage(reader));
            }
        }

        var recipients = messages.ToDictionary(m => m.Id, _ => new List<QueueRecipientRecord>());
        await using (var command = Sql.Command(
            connection,
            $"SELECT {RecipientColumns} FROM queue_recipients r JOIN queue_messages m ON m.id = r.message_id WHERE @all = 1 OR m.state <> 'done' ORDER BY r.id",
            ("@all", includeDone ? 1 : 0)))
        {
            command.Transaction = (DbTransaction)transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var r = ReadRecipient(reader);
                if (recipients.TryGetValue(r.MessageId, out var list))
                {
                    list.Add(r);
                }
            }
        }

        return [.. messages.Select(m => (m, (IReadOnlyList<QueueRecipientRecord>)recipients[m.Id]))];
    }

    /// <summary>
    /// Makes the open (pending or deferred) recipients of one message, or of every message when
    /// <paramref name="queueId"/> is null, due at <paramref name="now"/> (postqueue -i / -f). Attempts and the
    /// expiry (counted from arrival) are unchanged. Returns how many recipients were moved; null when the queue id is unknown.
    /// </summary>
    public Task<int?> RetryNowAsync(string? queueId, DateTimeOffset now, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync<int?>(tx =>
        {
            long? messageId = null;
            if (queueId is not null)
            {
                messageId = tx.ScalarInt64("SELECT id FROM queue_messages WHERE queue_id = @q", ("@q", queueId));
                if (messageId is null)
                {
                    return null;
                }
            }

            var t = Sql.ToUnixMs(now);
            // The time of the request, for a running server: it revives destinations it declared dead (QueueRunner).
            tx.Execute(
                "INSERT INTO org_settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                ("@n", RetryRequestedSetting), ("@v", Sql.Invariant(t)));
            return tx.Execute(
                "UPDATE queue_recipients SET next_attempt_at = @t, updated_at = @t WHERE state IN ('pending', 'deferred') AND next_attempt_at > @t AND (@m IS NULL OR message_id = @m)",
                ("@t", t), ("@m", messageId));
        }, cancellationToken);

    /// <summary>
    /// When <c>kakunin queue retry</c> last ran (Unix ms; null: never). Kept as a row of org_settings, the store's table of
    /// server-wide values, so that no migration is needed for one number.
    /// </summary>
    public async Task<long?> RetryRequestedAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT value FROM org_settings WHERE name = @n", ("@n", RetryRequestedSetting));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string value && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : null;
    }

    private const string RetryRequestedSetting = "queue.retry_requested_at";

    /// <summary>
    /// Takes a message out of the queue without any DSN (postsuper -d): its pending and deferred recipients are
    /// deleted, and the message row too when nothing else refers to it. Finished recipients and tracking records
    /// are evidence and stay: then the message is kept, marked done, and each tracked recipient that was removed
    /// gets a "deleted" tracking event through <paramref name="removing"/> (Kakunin.Tracking's
    /// <c>TrackingRepository.QueueRecipientRemoved</c>: the store does not know tracking's rules, the caller hands
    /// them in, and both commit in this one transaction). Returns null when the queue id is unknown.
    /// </summary>
    public Task<QueueDeleteResult?> DeleteAsync(
        string queueId, DateTimeOffset now, Action<StoreTransaction, QueueRecipientRecord, DateTimeOffset> removing, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync<QueueDeleteResult?>(tx =>
        {
            if (tx.ScalarInt64("SELECT id FROM queue_messages WHERE queue_id = @q", ("@q", queueId)) is not { } messageId)
            {
                return null;
            }

            var open = GetRecipients(tx, messageId).Where(r => !r.State.IsFinal()).ToList();
            foreach (var r in open)
            {
                removing(tx, r, now);
                tx.Execute("UPDATE queue_recipients SET parent_id = NULL WHERE parent_id = @r", ("@r", r.Id));
                tx.Execute("DELETE FROM queue_recipients WHERE id = @r", ("@r", r.Id));
            }

            var remaining = tx.ScalarInt64("SELECT COUNT(*) FROM queue_recipients WHERE message_id = @m", ("@m", messageId));
            var tracked = tx.ScalarInt64("SELECT COUNT(*) FROM tracking_messages WHERE queue_message_id = @m", ("@m", messageId));
            if (remaining == 0 && tracked == 0)
            {
                tx.Execute("DELETE FROM queue_messages WHERE id = @m", ("@m", messageId));
                return new QueueDeleteResult(open.Count, true);
            }

            tx.Execute("UPDATE queue_messages SET state = 'done' WHERE id = @m", ("@m", messageId));
            return new QueueDeleteResult(open.Count, false);
        }, cancellationToken);

    private static QueueMessageRecord ReadMessage(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), Sql.NullableString(r, 3), EnvelopeText.ParseReturn(Sql.NullableString(r, 4)),
        EnvelopeText.ParseBody(Sql.NullableString(r, 5)), r.GetInt64(6) != 0, Sql.NullableString(r, 7), r.GetInt64(8) != 0, r.GetInt64(9) != 0,
        Sql.FromUnixMs(r.GetInt64(10)), r.GetInt64(11), r.GetString(12), r.GetInt64(13) != 0);

    private static QueueRecipientRecord ReadRecipient(DbDataReader r, int o = 0)
    {
        var orcptType = Sql.NullableString(r, o + 6);
        var orcptAddress = Sql.NullableString(r, o + 7);
        return new QueueRecipientRecord(
            r.GetInt64(o), r.GetInt64(o + 1), Sql.NullableInt64(r, o + 2), r.GetString(o + 3), EnvelopeText.ParseNotify(Sql.NullableString(r, o + 4)),
            Sql.NullableString(r, o + 5), orcptType is not null && orcptAddress is not null ? new TypedAddress(orcptType, orcptAddress) : null,
            RecipientStates.Parse(r.GetString(o + 8)), r.GetInt32(o + 9), Sql.FromUnixMs(r.GetInt64(o + 10)), Sql.NullableTime(r, o + 11),
            Sql.NullableString(r, o + 12), Sql.NullableString(r, o + 13), Sql.NullableString(r, o + 14), Sql.NullableString(r, o + 15),
            r.GetInt64(o + 16) != 0, r.GetInt64(o + 17) != 0, r.GetInt64(o + 18) != 0, Sql.FromUnixMs(r.GetInt64(o + 19)));
    }
}
