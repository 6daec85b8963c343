namespace Kakunin.Store.Events;

/// <summary>
/// Migration 14: one event table for every event an application hears of (docs/tracking.md, "Unmatched reports").
/// tracking_events is rebuilt so that an event may have no tracked recipient (a report that matched nothing we sent)
/// and so that every event names its owner (<c>sender_user</c>, the user keyed as tracking keys senders): the feed's
/// cursor and the webhooks' ids stay one sequence (the table's own ids, given by the single writer in commit order)
/// for both kinds, and a user's feed is one index range. What an unmatched report says is kept beside its event in
/// report_events. The webhook trigger of migration 13 is made again (it went with the old table), now reading the
/// owner from the event itself and knowing the two new types (mdn-denied, unmatched-report).
/// </summary>
public static class EventSchema
{
    /// <summary>tracking_events.state of an unmatched report (Kakunin.Tracking.Events.TrackingEventTypes.UnmatchedReportState).</summary>
    public const string UnmatchedReportState = "unmatched-report";

    /// <summary>
    /// tracking_events.state word → event type word (Kakunin.Tracking.Events.TrackingEventTypes.ByEventWord; a test in
    /// Kakunin.Webhooks.Tests keeps the two equal through this trigger). Written out: a shipped migration never changes.
    /// </summary>
    public const string EventTypeOfState =
        "CASE NEW.state WHEN 'queued' THEN 'queued' WHEN 'delivered' THEN 'delivered' WHEN 'relayed' THEN 'relayed' " +
        "WHEN 'expanded' THEN 'expanded' WHEN 'deferred' THEN 'delayed' WHEN 'delayed' THEN 'delayed' WHEN 'failed' THEN 'failed' " +
        "WHEN 'mdn-displayed' THEN 'read' WHEN 'mdn-deleted' THEN 'deleted-unread' WHEN 'mdn-denied' THEN 'denied' " +
        "WHEN 'unmatched-report' THEN 'unmatched-report' END";

    // As in migration 13: the commit's time, whole seconds, in Unix milliseconds.
    private const string Now = "(CAST(strftime('%s', 'now') AS INTEGER) * 1000)";

    public static IReadOnlyList<string> Statements { get; } =
    [
        // tracking_recipient_id: NULL for an event about a report alone. sender_user: the owner, copied from the
        // recipient for tracked events, the report's addressee for an unmatched report; never NULL.
        "CREATE TABLE tracking_events_v14 (id INTEGER PRIMARY KEY, tracking_recipient_id INTEGER REFERENCES tracking_recipients (id), " +
            "sender_user TEXT NOT NULL, state TEXT NOT NULL, at INTEGER NOT NULL, diagnostic TEXT, evidence TEXT, status TEXT, " +
            "provenance TEXT, reported_by TEXT, vouched_by TEXT)",
        // Ids are kept: webhook_deliveries.event_id and every evt_… already handed out still name the same events.
        "INSERT INTO tracking_events_v14 (id, tracking_recipient_id, sender_user, state, at, diagnostic, evidence, status, provenance, reported_by, vouched_by) " +
            "SELECT e.id, e.tracking_recipient_id, COALESCE(r.sender_user, ''), e.state, e.at, e.diagnostic, e.evidence, e.status, e.provenance, e.reported_by, e.vouched_by " +
            "FROM tracking_events e LEFT JOIN tracking_recipients r ON r.id = e.tracking_recipient_id",
        "DROP TABLE tracking_events",
        "ALTER TABLE tracking_events_v14 RENAME TO tracking_events",
        "CREATE INDEX ix_tracking_events_recipient ON tracking_events (tracking_recipient_id)",
        "CREATE INDEX ix_tracking_events_evidence ON tracking_events (evidence)",
        // The feed (GET /api/v1/events): a user's events after a cursor, in id order.
        "CREATE INDEX ix_tracking_events_sender ON tracking_events (sender_user, id)",
        // What an unmatched report names, written with its event. kind: dsn, mdn or bounce; format: the recogniser
        // family (rfc3464, rfc8098, qmail, …). names: a JSON array of the recipients it reports on ({address,
        // original_recipient, action, status, diagnostic, disposition}), kept as one text because it is only ever read
        // back whole, for the event's payload.
        "CREATE TABLE report_events (event_id INTEGER PRIMARY KEY REFERENCES tracking_events (id), kind TEXT NOT NULL, format TEXT, " +
            "report_message_id TEXT, original_envelope_id TEXT, original_message_id TEXT, names TEXT NOT NULL)",
        "CREATE TRIGGER tr_tracking_events_webhooks AFTER INSERT ON tracking_events BEGIN " +
            "INSERT INTO webhook_deliveries (endpoint_id, event_id, attempts, next_attempt_at, state, created_at, retry_from) " +
            "SELECT w.id, NEW.id, 0, " + Now + ", 'pending', " + Now + ", " + Now + " FROM webhook_endpoints w " +
            "WHERE w.user_address = NEW.sender_user AND w.enabled = 1 AND instr(w.event_types, ' ' || " + EventTypeOfState + " || ' ') > 0; END",
    ];
}
