namespace Kakunin.Store;

/// <summary>
/// Tracking of mail submitted by local users: per message (sender, Message-ID, subject, time) and per recipient a
/// current-state row plus an append-only events table (the timeline and its evidence).
/// </summary>
public static class TrackingRepository
{
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
                ("$tm", id), ("$qr", queueRecipientId), ("$a", address), ("$s", TrackingStates.Queued), ("$t", Sql.ToUnixMs(at)), ("$u", senderUser))!.Value;
            AppendEvent(transaction, rid, new TrackingUpdate(TrackingStates.Queued, at));
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
