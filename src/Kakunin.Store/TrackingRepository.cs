namespace Kakunin.Store;

/// <summary>
/// Tracking of mail submitted by local users: per message (sender, Message-ID, subject, time) and per recipient a
/// current-state row plus an append-only events table (the timeline and its evidence).
/// </summary>
public sealed class TrackingRepository
{
    /// <summary>The state a recipient starts in.</summary>
    public const string Queued = "queued";

    private readonly KakuninStore _store;

    internal TrackingRepository(KakuninStore store) => _store = store;

    /// <summary>Creates the tracking record of a submitted message, one "queued" row and event per recipient.</summary>
    public static long Create(
        StoreTransaction transaction,
        long queueMessageId,
        string senderUser,
        string? messageId,
        string? subject,
        DateTimeOffset at,
        IEnumerable<(long QueueRecipientId, string Address)> recipients,
        string? envelopeId = null,
        long? sentMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(recipients);
        var id = transaction.ScalarInt64(
            "INSERT INTO tracking_messages (queue_message_id, sender_user, message_id, subject, submitted_at, envelope_id, sent_message_id) VALUES ($q, $s, $m, $sub, $t, $e, $sm) RETURNING id",
            ("$q", queueMessageId), ("$s", senderUser), ("$m", messageId), ("$sub", subject), ("$t", Sql.ToUnixMs(at)), ("$e", envelopeId), ("$sm", sentMessageId))!.Value;
        foreach (var (queueRecipientId, address) in recipients)
        {
            var rid = transaction.ScalarInt64(
                "INSERT INTO tracking_recipients (tracking_message_id, queue_recipient_id, address, state, state_at, sender_user) VALUES ($tm, $qr, $a, $s, $t, $u) RETURNING id",
                ("$tm", id), ("$qr", queueRecipientId), ("$a", address), ("$s", Queued), ("$t", Sql.ToUnixMs(at)), ("$u", senderUser))!.Value;
            AppendEvent(transaction, rid, Queued, at, null, null);
        }

        return id;
    }

    /// <summary>
    /// Records a new state of the tracked recipient behind a queue recipient (no-op when that message is not
    /// tracked): appends an event and moves the current-state row. Returns whether anything was tracked.
    /// </summary>
    public static bool Record(StoreTransaction transaction, long queueRecipientId, string state, DateTimeOffset at, string? diagnostic, string? evidence)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var rid = transaction.ScalarInt64("SELECT id FROM tracking_recipients WHERE queue_recipient_id = $q", ("$q", queueRecipientId));
        if (rid is not { } id)
        {
            return false;
        }

        AppendEvent(transaction, id, state, at, diagnostic, evidence);
        transaction.Execute(
            "UPDATE tracking_recipients SET state = $s, state_at = $t, diagnostic = $d, evidence = $e WHERE id = $id",
            ("$s", state), ("$t", Sql.ToUnixMs(at)), ("$d", diagnostic), ("$e", evidence), ("$id", id));
        return true;
    }

    /// <summary>The tracking record of a queued message, or null when it is not tracked.</summary>
    public async Task<TrackingRecord?> GetByQueueIdAsync(string queueId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        string sender;
        string? messageId, subject;
        DateTimeOffset submitted;
        await using (var command = Sql.Command(
            connection,
            "SELECT t.id, t.sender_user, t.message_id, t.subject, t.submitted_at FROM tracking_messages t JOIN queue_messages q ON q.id = t.queue_message_id WHERE q.queue_id = $q",
            ("$q", queueId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (id, sender, messageId, subject, submitted) = (reader.GetInt64(0), reader.GetString(1), Sql.NullableString(reader, 2), Sql.NullableString(reader, 3), Sql.FromUnixMs(reader.GetInt64(4)));
        }

        var recipients = new List<TrackingRecipientRecord>();
        await using (var command = Sql.Command(connection, "SELECT id, address, state, state_at, diagnostic, evidence FROM tracking_recipients WHERE tracking_message_id = $t ORDER BY id", ("$t", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recipients.Add(new TrackingRecipientRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Sql.FromUnixMs(reader.GetInt64(3)), Sql.NullableString(reader, 4), Sql.NullableString(reader, 5)));
            }
        }

        return new TrackingRecord(id, queueId, sender, messageId, subject, submitted, recipients);
    }

    /// <summary>The events of one tracked recipient, in order.</summary>
    public async Task<IReadOnlyList<TrackingEventRecord>> GetEventsAsync(long trackingRecipientId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT id, tracking_recipient_id, state, at, diagnostic, evidence FROM tracking_events WHERE tracking_recipient_id = $r ORDER BY id", ("$r", trackingRecipientId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<TrackingEventRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new TrackingEventRecord(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), Sql.FromUnixMs(reader.GetInt64(3)), Sql.NullableString(reader, 4), Sql.NullableString(reader, 5)));
        }

        return list;
    }

    private static void AppendEvent(StoreTransaction transaction, long trackingRecipientId, string state, DateTimeOffset at, string? diagnostic, string? evidence) =>
        transaction.Execute(
            "INSERT INTO tracking_events (tracking_recipient_id, state, at, diagnostic, evidence) VALUES ($r, $s, $t, $d, $e)",
            ("$r", trackingRecipientId), ("$s", state), ("$t", Sql.ToUnixMs(at)), ("$d", diagnostic), ("$e", evidence));
}
