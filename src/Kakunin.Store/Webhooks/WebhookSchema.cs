namespace Kakunin.Store.Webhooks;

/// <summary>
/// Migration 13: webhook endpoints and their durable outbox (docs/webhooks.md). A delivery row is created by a trigger
/// on tracking_events, so it is part of the very statement that appends the event, inside the same transaction as the
/// tracking change: no event without its deliveries, no deliveries without their event, across a kill -9. A trigger
/// rather than an insert in TrackingRepository.AppendEvent because every path that appends an event (the queue, report
/// intake, the API, whatever comes later) gets it without knowing webhooks exist, as the IMAP counters of migration 10.
/// The insert then reports itself through <c>kakunin_changed(0, NULL)</c>: user id 0 is never a user, it is the
/// outbox's channel, so the dispatcher is woken after the commit (<see cref="OutboxChannel"/>). A resend or a
/// re-enable in the webmail wakes it directly; one from another process is found by its periodic look.
/// </summary>
public static class WebhookSchema
{
    /// <summary>The <see cref="Changes.StoreChanges"/> "user id" a commit that added or re-armed deliveries is published under.</summary>
    public const long OutboxChannel = 0;

    /// <summary>
    /// tracking_events.state word → event type word (Kakunin.Tracking.Events.TrackingEventTypes; a test in
    /// Kakunin.Webhooks.Tests keeps the two equal). Written out: a shipped migration never changes with the code.
    /// </summary>
    public const string EventTypeOfState =
        "CASE NEW.state WHEN 'queued' THEN 'queued' WHEN 'delivered' THEN 'delivered' WHEN 'relayed' THEN 'relayed' " +
        "WHEN 'expanded' THEN 'expanded' WHEN 'deferred' THEN 'delayed' WHEN 'delayed' THEN 'delayed' WHEN 'failed' THEN 'failed' " +
        "WHEN 'mdn-displayed' THEN 'read' WHEN 'mdn-deleted' THEN 'deleted-unread' END";

    // The commit's time in Unix milliseconds (whole seconds): an event's own time may be a report's, days old, and the
    // retry window starts when the delivery is created.
    private const string Now = "(CAST(strftime('%s', 'now') AS INTEGER) * 1000)";

    public static IReadOnlyList<string> Statements { get; } =
    [
        // user_address: the owner as tracking keys its sender (MailboxIdentity.KeyOf, tracking_recipients.sender_user).
        // event_types: the subscribed words between single spaces, with one before and after (" delivered failed "),
        // so a type is matched with instr(). secret: "whsec_" + base64 of random bytes (Standard Webhooks).
        // consecutive_failures / failing_since: the disabling rule's memory, cleared by a success.
        "CREATE TABLE webhook_endpoints (id INTEGER PRIMARY KEY, user_address TEXT NOT NULL, url TEXT NOT NULL, event_types TEXT NOT NULL, " +
            "secret TEXT NOT NULL, enabled INTEGER NOT NULL, disabled_reason TEXT, created_at INTEGER NOT NULL, " +
            "consecutive_failures INTEGER NOT NULL DEFAULT 0, failing_since INTEGER)",
        "CREATE INDEX ix_webhook_endpoints_user ON webhook_endpoints (user_address, enabled)",
        // state: pending (to be tried at next_attempt_at), delivered, failed (retries ran out). last_status: the HTTP
        // status of the last attempt (NULL: no answer: refused, timed out); last_response: its first bytes or the error;
        // retry_from: when the retry window (3 days) began: the event, or a manual resend.
        "CREATE TABLE webhook_deliveries (id INTEGER PRIMARY KEY, endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id), " +
            "event_id INTEGER NOT NULL REFERENCES tracking_events (id), attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, " +
            "state TEXT NOT NULL, last_status INTEGER, last_response TEXT, last_attempt_at INTEGER, delivered_at INTEGER, created_at INTEGER NOT NULL, retry_from INTEGER NOT NULL, " +
            "UNIQUE (endpoint_id, event_id))",
        "CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at)",
        "CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id)",
        "CREATE TRIGGER tr_tracking_events_webhooks AFTER INSERT ON tracking_events BEGIN " +
            "INSERT INTO webhook_deliveries (endpoint_id, event_id, attempts, next_attempt_at, state, created_at, retry_from) " +
            "SELECT w.id, NEW.id, 0, " + Now + ", 'pending', " + Now + ", " + Now + " FROM tracking_recipients r JOIN webhook_endpoints w ON w.user_address = r.sender_user " +
            "WHERE r.id = NEW.tracking_recipient_id AND w.enabled = 1 AND instr(w.event_types, ' ' || " + EventTypeOfState + " || ' ') > 0; END",
        "CREATE TRIGGER tr_webhook_deliveries_insert AFTER INSERT ON webhook_deliveries BEGIN SELECT kakunin_changed(0, NULL); END",
    ];
}
