namespace Kakunin.Store;

/// <summary>
/// Tracking of mail submitted by local users: per message (sender, Message-ID, subject, time) and per recipient a
/// current-state row plus an append-only events table (the timeline and its evidence).
/// </summary>
public sealed class TrackingRepository
{
    /// <summary>The state a recipient starts in.</summary>
    public const string Queued = TrackingStates.Queued;

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
            AppendEvent(transaction, rid, new TrackingUpdate(Queued, at));
        }

        return id;
    }

    /// <summary>
    /// Records a new state of the tracked recipient behind a queue recipient (no-op when that message is not
    /// tracked): appends an event and moves the current-state row where <see cref="TrackingStates.Advances"/>
    /// allows. Returns whether anything was tracked.
    /// </summary>
    public static bool Record(StoreTransaction transaction, long queueRecipientId, string state, DateTimeOffset at, string? diagnostic, string? evidence) =>
        Record(transaction, queueRecipientId, new TrackingUpdate(state, at, Diagnostic: diagnostic, Evidence: evidence));

    /// <inheritdoc cref="Record(StoreTransaction, long, string, DateTimeOffset, string?, string?)"/>
    public static bool Record(StoreTransaction transaction, long queueRecipientId, TrackingUpdate update)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var rid = transaction.ScalarInt64("SELECT id FROM tracking_recipients WHERE queue_recipient_id = $q", ("$q", queueRecipientId));
        if (rid is not { } id)
        {
            return false;
        }

        RecordDelivery(transaction, id, update);
        return true;
    }

    /// <summary>
    /// Records a delivery event of a tracked recipient (from our queue or from a report that came back): the
    /// event is always appended; the current state, its time, status, diagnostic, retry time and evidence move
    /// only when the new state does not go backwards (<see cref="TrackingStates.Advances"/>). Returns whether the
    /// current state moved.
    /// </summary>
    public static bool RecordDelivery(StoreTransaction transaction, long trackingRecipientId, TrackingUpdate update)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(update);
        AppendEvent(transaction, trackingRecipientId, update);
        var current = ScalarText(transaction, "SELECT state FROM tracking_recipients WHERE id = $id", trackingRecipientId);
        if (!TrackingStates.Advances(current, update.State))
        {
            return false;
        }

        transaction.Execute(
            "UPDATE tracking_recipients SET state = $s, state_at = $t, status = $st, diagnostic = $d, retry_until = $ru, evidence = $e WHERE id = $id",
            ("$s", update.State), ("$t", Sql.ToUnixMs(update.At)), ("$st", update.Status), ("$d", update.Diagnostic),
            ("$ru", update.RetryUntil is { } ru ? Sql.ToUnixMs(ru) : null), ("$e", update.Evidence), ("$id", trackingRecipientId));
        return true;
    }

    /// <summary>
    /// Records a read receipt (RFC 8098 MDN) of a tracked recipient: an event "mdn-&lt;type&gt;" with the Disposition
    /// as written, and the read state where <see cref="TrackingStates.ReadAdvances"/> allows. Returns whether the
    /// read state moved.
    /// </summary>
    /// <param name="readState">The disposition type: displayed, deleted, dispatched or processed.</param>
    /// <param name="disposition">The Disposition field as received (action and sending mode included), kept as the event's diagnostic.</param>
    public static bool RecordRead(StoreTransaction transaction, long trackingRecipientId, string readState, DateTimeOffset at, string? disposition, string? evidence)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(readState);
        AppendEvent(transaction, trackingRecipientId, new TrackingUpdate(TrackingStates.ReadEvent(readState), at, Diagnostic: disposition, Evidence: evidence));
        var current = ScalarText(transaction, "SELECT read_state FROM tracking_recipients WHERE id = $id", trackingRecipientId);
        if (!TrackingStates.ReadAdvances(current, readState))
        {
            return false;
        }

        transaction.Execute(
            "UPDATE tracking_recipients SET read_state = $s, read_at = $t, read_evidence = $e WHERE id = $id",
            ("$s", readState), ("$t", Sql.ToUnixMs(at)), ("$e", evidence), ("$id", trackingRecipientId));
        return true;
    }

    /// <summary>
    /// Our own DSN (queued with evidence "dsn:&lt;queue id&gt;" by the settlement that recorded the outcome) has been
    /// delivered into its sender's mailbox: the recipients whose current state it reports now point at the stored
    /// report ("message:&lt;id&gt;"). No event is added: the event of that outcome exists already, so the timeline
    /// shows it once. Returns how many recipients now carry the new evidence.
    /// </summary>
    public static int AttachOwnDsn(StoreTransaction transaction, string senderUser, string dsnQueueId, long mailboxMessageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Execute(
            "UPDATE tracking_recipients SET evidence = $new WHERE evidence = $old AND sender_user = $u",
            ("$new", MessageEvidence(mailboxMessageId)), ("$old", DsnEvidence(dsnQueueId)), ("$u", senderUser));
    }

    /// <summary>The evidence text of a DSN we queued: "dsn:&lt;queue id&gt;".</summary>
    public static string DsnEvidence(string queueId) => "dsn:" + queueId;

    /// <summary>The evidence text of a report stored in a user's mailbox: "message:&lt;id&gt;" (the UI links to it).</summary>
    public static string MessageEvidence(long mailboxMessageId) => "message:" + Sql.Invariant(mailboxMessageId);

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

    private static void AppendEvent(StoreTransaction transaction, long trackingRecipientId, TrackingUpdate update) =>
        transaction.Execute(
            "INSERT INTO tracking_events (tracking_recipient_id, state, at, diagnostic, evidence, status) VALUES ($r, $s, $t, $d, $e, $st)",
            ("$r", trackingRecipientId), ("$s", update.State), ("$t", Sql.ToUnixMs(update.At)), ("$d", update.Diagnostic), ("$e", update.Evidence), ("$st", update.Status));

    private static string? ScalarText(StoreTransaction transaction, string sql, long id)
    {
        using var command = transaction.Command(sql, ("$id", id));
        return command.ExecuteScalar() as string;
    }
}
