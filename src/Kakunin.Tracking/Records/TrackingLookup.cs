using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Tracking;

/// <summary>
/// The reads that match a report to a tracked message, inside the write transaction that records it. Every
/// lookup is confined to one sender's records (<c>sender_user</c>): a report delivered to Alice can only ever
/// touch Alice's tracking.
/// </summary>
internal static class TrackingLookup
{
    private const int MaxCandidates = 16;

    /// <summary>The sender's tracked messages submitted with this ENVID (RFC 3461 §4.4), newest first.</summary>
    public static IReadOnlyList<ReportCandidate> ByEnvelopeId(StoreTransaction transaction, string senderUser, string envelopeId) =>
        Messages(
            transaction,
            "SELECT id, submitted_at FROM tracking_messages WHERE envelope_id = @k AND sender_user = @u ORDER BY submitted_at DESC, id DESC LIMIT @n",
            senderUser,
            envelopeId);

    /// <summary>The sender's tracked messages with this Message-ID (without angle brackets), newest first.</summary>
    public static IReadOnlyList<ReportCandidate> ByMessageId(StoreTransaction transaction, string senderUser, string messageId) =>
        Messages(
            transaction,
            "SELECT id, submitted_at FROM tracking_messages WHERE message_id = @k AND sender_user = @u ORDER BY submitted_at DESC, id DESC LIMIT @n",
            senderUser,
            messageId);

    /// <summary>The recipients of a tracked message, with the ORCPT they were submitted with (RFC 3461 §4.2) when known.</summary>
    public static IReadOnlyList<MatchableRecipient> Recipients(StoreTransaction transaction, long trackingMessageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Command(
            "SELECT t.id, t.address, q.orcpt_address, q.remote_mta FROM tracking_recipients t " +
            "LEFT JOIN queue_recipients q ON q.id = t.queue_recipient_id WHERE t.tracking_message_id = @t ORDER BY t.id",
            ("@t", trackingMessageId));
        using var reader = command.ExecuteReader();
        var list = new List<MatchableRecipient>();
        while (reader.Read())
        {
            list.Add(new MatchableRecipient(reader.GetInt64(0), reader.GetString(1), Sql.NullableString(reader, 2), Sql.NullableString(reader, 3)));
        }

        return list;
    }

    private static List<ReportCandidate> Messages(StoreTransaction transaction, string sql, string senderUser, string key)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(senderUser);
        ArgumentNullException.ThrowIfNull(key);
        using var command = transaction.Command(sql, ("@k", key), ("@u", MailboxIdentity.KeyOf(senderUser)), ("@n", MaxCandidates));
        using var reader = command.ExecuteReader();
        var list = new List<ReportCandidate>();
        while (reader.Read())
        {
            list.Add(new ReportCandidate(reader.GetInt64(0), Sql.FromUnixMs(reader.GetInt64(1))));
        }

        return list;
    }
}

/// <summary>A tracked message found for a report.</summary>
internal sealed record ReportCandidate(long Id, DateTimeOffset SubmittedAt);

/// <summary>A recipient of a tracked message, as the matcher and the provenance check need it.</summary>
/// <param name="Address">The RCPT TO address, keyed as the store keys addresses (<see cref="MailboxIdentity.Key"/>).</param>
/// <param name="OriginalRecipient">The decoded ORCPT address it was submitted with, if any.</param>
/// <param name="RemoteMta">The host our queue handed it to, if any: a report vouched for by it is authenticated too.</param>
internal sealed record MatchableRecipient(long Id, string Address, string? OriginalRecipient, string? RemoteMta);
