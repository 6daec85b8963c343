using System.Text.Json;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Store;
using Kakunin.Store.Events;
using Kakunin.Tracking.Events;

namespace Kakunin.Tracking;

/// <summary>
/// A report delivered to a user that could not be tied to a message they sent (docs/tracking.md, "Unmatched
/// reports"): an event of its own in tracking_events, with no tracked recipient, and what the report names in
/// report_events, written in the transaction that stores the report in the mailbox. Its id is in the same sequence
/// as every other event, so the feed and the webhooks carry it in order with the rest.
/// </summary>
public static class UnmatchedReports
{
    /// <summary>The stored state word of the event (<see cref="EventSchema.UnmatchedReportState"/>).</summary>
    public const string State = EventSchema.UnmatchedReportState;

    /// <summary>Records the event; returns its id.</summary>
    /// <param name="userAddress">Who the report was delivered to: the event's owner.</param>
    /// <param name="mailboxMessageId">The report in their mailbox: the event's evidence.</param>
    public static long Record(
        StoreTransaction tx, string userAddress, InboundReport report, long mailboxMessageId, DateTimeOffset at, Provenance provenance, string? vouchedBy)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(userAddress);
        var id = tx.ScalarInt64(
            "INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at, evidence, provenance, reported_by, vouched_by) " +
            "VALUES (NULL, @u, @s, @t, @e, @p, @b, @v) RETURNING id",
            ("@u", MailboxIdentity.KeyOf(userAddress)), ("@s", State), ("@t", Sql.ToUnixMs(at)), ("@e", TrackingRepository.MessageEvidence(mailboxMessageId)),
            ("@p", provenance.Word()), ("@b", report.ReportedBy), ("@v", vouchedBy))!.Value;
        tx.Execute(
            "INSERT INTO report_events (event_id, kind, format, report_message_id, original_envelope_id, original_message_id, names) VALUES (@id, @k, @f, @m, @env, @om, @n)",
            ("@id", id), ("@k", KindWord(report.Kind)), ("@f", report.Format), ("@m", report.MessageId), ("@env", report.Keys.EnvelopeId),
            ("@om", report.Keys.OriginalMessageId ?? report.Keys.EnclosedMessageId), ("@n", JsonSerializer.Serialize(Names(report))));
        return id;
    }

    /// <summary>dsn, mdn or bounce: the word of the payload's report.kind.</summary>
    public static string KindWord(ReportKind kind) => kind switch
    {
        ReportKind.Dsn => "dsn",
        ReportKind.Mdn => "mdn",
        ReportKind.Bounce => "bounce",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only delivery and read reports are recorded."),
    };

    private static List<ReportedName> Names(InboundReport report) =>
        [.. report.Recipients.Select(r => new ReportedName(
            r.Address,
            r.OriginalRecipient,
            r.Delivery?.Action.ToWire(),
            r.Delivery?.Status?.ToString(),
            r.Delivery?.Diagnostic,
            r.Read?.Written))];
}
