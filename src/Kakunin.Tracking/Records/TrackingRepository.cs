using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Tracking;

/// <summary>
/// The write side of tracking: per message (sender, Message-ID, subject, time) and per recipient a current-state
/// row plus an append-only events table (the timeline, its evidence and provenance). Every method runs inside a
/// transaction of the store's single writer, so the queue's settlement commits a delivery, a report in the mailbox
/// and its tracking event together (docs/architecture.md, "Tracking and the store's transaction").
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
            "INSERT INTO tracking_messages (queue_message_id, sender_user, message_id, subject, submitted_at, envelope_id, sent_message_id) VALUES (@q, @s, @m, @sub, @t, @e, @sm) RETURNING id",
            ("@q", queueMessageId), ("@s", senderUser), ("@m", messageId), ("@sub", subject), ("@t", Sql.ToUnixMs(at)), ("@e", envelopeId), ("@sm", sentMessageId))!.Value;
        foreach (var (queueRecipientId, address) in recipients)
        {
            var rid = transaction.ScalarInt64(
                "INSERT INTO tracking_recipients (tracking_message_id, queue_recipient_id, address, state, state_at, sender_user, provenance) VALUES (@tm, @qr, @a, @s, @t, @u, @p) RETURNING id",
                ("@tm", id), ("@qr", queueRecipientId), ("@a", address), ("@s", TrackingState.Queued.Word()), ("@t", Sql.ToUnixMs(at)), ("@u", senderUser),
                ("@p", Provenance.Local.Word()))!.Value;
            AppendEvent(transaction, rid, new TrackingUpdate(TrackingState.Queued, at));
        }

        return id;
    }

    /// <summary>
    /// Records our queue's outcome for the tracked recipient behind a queue recipient (no-op when that message is not
    /// tracked): this server's own fact (<see cref="Provenance.Local"/>). Returns whether anything was tracked.
    /// </summary>
    public static bool RecordOutcome(StoreTransaction transaction, long queueRecipientId, TrackingUpdate update)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(update);
        var rid = transaction.ScalarInt64("SELECT id FROM tracking_recipients WHERE queue_recipient_id = @q", ("@q", queueRecipientId));
        if (rid is not { } id)
        {
            return false;
        }

        Record(transaction, id, update with { Provenance = Provenance.Local });
        return true;
    }

    /// <summary>
    /// An administrator removed a queue recipient (<see cref="QueueRepository.DeleteAsync"/>): its tracked recipient
    /// gets a "removed" event and lets go of the queue row, which is about to be deleted.
    /// </summary>
    public static void QueueRecipientRemoved(StoreTransaction transaction, QueueRecipientRecord recipient, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(recipient);
        RecordOutcome(transaction, recipient.Id, new TrackingUpdate(TrackingState.Removed, at, Diagnostic: "deleted from the queue by an administrator"));
        transaction.Execute("UPDATE tracking_recipients SET queue_recipient_id = NULL WHERE queue_recipient_id = @r", ("@r", recipient.Id));
    }

    /// <summary>
    /// Records an event of a tracked recipient, from our queue or from a report that came back. The event is always
    /// appended, with its provenance; the current state (delivery or read) moves only where
    /// <see cref="TrackingRules"/> lets it. An unverified report that could not move anything is kept on the row as
    /// the latest unverified claim, so the lists can say "unverified report from X". Returns whether the state moved.
    /// </summary>
    public static bool Record(StoreTransaction transaction, long trackingRecipientId, TrackingUpdate update)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(update);
        AppendEvent(transaction, trackingRecipientId, update);
        var (address, state, readState) = Current(transaction, trackingRecipientId);
        var local = IsLocalAddress(transaction, address);
        var moves = update.State.IsRead()
            ? TrackingRules.MovesRead(readState, update.State, update.Provenance, local)
            : TrackingRules.MovesDelivery(state, update.State, update.Provenance, local);
        if (!moves)
        {
            // A "denied" receipt claims no read state, so it is no unverified claim of one either: an event only.
            if (update.Provenance == Provenance.Unverified && update.State != TrackingState.Denied)
            {
                transaction.Execute(
                    "UPDATE tracking_recipients SET unverified_state = @s, unverified_at = @t, unverified_by = @b WHERE id = @id",
                    ("@s", update.State.EventWord()), ("@t", Sql.ToUnixMs(update.At)), ("@b", update.ReportedBy), ("@id", trackingRecipientId));
            }

            return false;
        }

        if (update.State.IsRead())
        {
            transaction.Execute(
                "UPDATE tracking_recipients SET read_state = @s, read_at = @t, read_evidence = @e, read_provenance = @p WHERE id = @id",
                ("@s", update.State.Word()), ("@t", Sql.ToUnixMs(update.At)), ("@e", update.Evidence), ("@p", update.Provenance.Word()), ("@id", trackingRecipientId));
        }
        else
        {
            transaction.Execute(
                "UPDATE tracking_recipients SET state = @s, state_at = @t, status = @st, diagnostic = @d, retry_until = @ru, evidence = @e, provenance = @p WHERE id = @id",
                ("@s", update.State.Word()), ("@t", Sql.ToUnixMs(update.At)), ("@st", update.Status), ("@d", update.Diagnostic),
                ("@ru", update.RetryUntil is { } ru ? Sql.ToUnixMs(ru) : null), ("@e", update.Evidence), ("@p", update.Provenance.Word()), ("@id", trackingRecipientId));
        }

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
            "UPDATE tracking_recipients SET evidence = @new WHERE evidence = @old AND sender_user = @u",
            ("@new", MessageEvidence(mailboxMessageId)), ("@old", DsnEvidence(dsnQueueId)), ("@u", MailboxIdentity.KeyOf(senderUser)));
    }

    /// <summary>The evidence text of a DSN we queued: "dsn:&lt;queue id&gt;".</summary>
    public static string DsnEvidence(string queueId) => "dsn:" + queueId;

    /// <summary>The evidence text of a report stored in a user's mailbox: "message:&lt;id&gt;" (the UI links to it).</summary>
    public static string MessageEvidence(long mailboxMessageId) => "message:" + Sql.Invariant(mailboxMessageId);

    /// <summary>Whether an address is on one of this server's domains: then only this server speaks for it.</summary>
    internal static bool IsLocalAddress(StoreTransaction transaction, string address) =>
        transaction.ScalarInt64("SELECT 1 FROM domains WHERE name = @n", ("@n", MailboxIdentity.DomainOf(address))) is not null;

    private static (string Address, TrackingState State, TrackingState? ReadState) Current(StoreTransaction transaction, long id)
    {
        using var command = transaction.Command("SELECT address, state, read_state FROM tracking_recipients WHERE id = @id", ("@id", id));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"No tracked recipient {id}.");
        }

        return (reader.GetString(0), TrackingStates.ParseDelivery(reader.GetString(1)), TrackingStates.ParseRead(Sql.NullableString(reader, 2)));
    }

    private static void AppendEvent(StoreTransaction transaction, long trackingRecipientId, TrackingUpdate update) =>
        transaction.Execute(
            // The owner is copied from the recipient (migration 14): the feed and the webhook trigger read it from the event.
            "INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at, diagnostic, evidence, status, provenance, reported_by, vouched_by) " +
            "VALUES (@r, (SELECT sender_user FROM tracking_recipients WHERE id = @r), @s, @t, @d, @e, @st, @p, @b, @v)",
            ("@r", trackingRecipientId), ("@s", update.State.EventWord()), ("@t", Sql.ToUnixMs(update.At)), ("@d", update.Diagnostic), ("@e", update.Evidence),
            ("@st", update.Status), ("@p", update.Provenance.Word()), ("@b", update.ReportedBy), ("@v", update.VouchedBy));
}
