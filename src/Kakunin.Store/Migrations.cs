namespace Kakunin.Store;

/// <summary>
/// The schema, as versioned steps applied in order at open (<see cref="Migrator"/>). Never edit a step that has
/// shipped: add one. SQL is kept portable (SQLite and PostgreSQL): INTEGER/TEXT/BLOB columns, times as Unix
/// milliseconds, booleans as 0/1 integers, states as text, <c>RETURNING</c> instead of last_insert_rowid().
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "directory, mailboxes, queue, tracking",
        [
            "CREATE TABLE domains (name TEXT PRIMARY KEY)",
            "CREATE TABLE users (id INTEGER PRIMARY KEY, address TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, created_at INTEGER NOT NULL)",
            "CREATE TABLE aliases (address TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (address, target))",
            "CREATE INDEX ix_aliases_target ON aliases (target)",
            "CREATE TABLE folders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), name TEXT NOT NULL, UNIQUE (user_id, name))",
            // queue_recipient_id: the queue recipient a local delivery came from; unique, so a delivery can never land twice.
            "CREATE TABLE messages (id INTEGER PRIMARY KEY, folder_id INTEGER NOT NULL REFERENCES folders (id), received_at INTEGER NOT NULL, size INTEGER NOT NULL, flags TEXT NOT NULL, content BLOB NOT NULL, queue_recipient_id INTEGER UNIQUE)",
            "CREATE INDEX ix_messages_folder ON messages (folder_id)",
            "CREATE TABLE queue_messages (id INTEGER PRIMARY KEY, queue_id TEXT NOT NULL UNIQUE, reverse_path TEXT NOT NULL, envelope_id TEXT, ret TEXT, body TEXT, smtputf8 INTEGER NOT NULL, authenticated_user TEXT, sender_verified INTEGER NOT NULL, is_report INTEGER NOT NULL, received_at INTEGER NOT NULL, size INTEGER NOT NULL, state TEXT NOT NULL, content BLOB NOT NULL)",
            "CREATE INDEX ix_queue_messages_state ON queue_messages (state)",
            "CREATE TABLE queue_recipients (id INTEGER PRIMARY KEY, message_id INTEGER NOT NULL REFERENCES queue_messages (id), parent_id INTEGER REFERENCES queue_recipients (id), address TEXT NOT NULL, notify TEXT, orcpt_parameter TEXT, orcpt_type TEXT, orcpt_address TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, last_attempt_at INTEGER, status TEXT, diagnostic_type TEXT, diagnostic TEXT, remote_mta TEXT, dsn_success_sent INTEGER NOT NULL, dsn_delay_sent INTEGER NOT NULL, dsn_failure_sent INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
            "CREATE INDEX ix_queue_recipients_due ON queue_recipients (state, next_attempt_at)",
            "CREATE INDEX ix_queue_recipients_message ON queue_recipients (message_id)",
            "CREATE TABLE tracking_messages (id INTEGER PRIMARY KEY, queue_message_id INTEGER NOT NULL UNIQUE REFERENCES queue_messages (id), sender_user TEXT NOT NULL, message_id TEXT, subject TEXT, submitted_at INTEGER NOT NULL)",
            "CREATE TABLE tracking_recipients (id INTEGER PRIMARY KEY, tracking_message_id INTEGER NOT NULL REFERENCES tracking_messages (id), queue_recipient_id INTEGER UNIQUE REFERENCES queue_recipients (id), address TEXT NOT NULL, state TEXT NOT NULL, state_at INTEGER NOT NULL, diagnostic TEXT, evidence TEXT)",
            "CREATE INDEX ix_tracking_recipients_message ON tracking_recipients (tracking_message_id)",
            // Append-only: rows are inserted, never updated or deleted.
            "CREATE TABLE tracking_events (id INTEGER PRIMARY KEY, tracking_recipient_id INTEGER NOT NULL REFERENCES tracking_recipients (id), state TEXT NOT NULL, at INTEGER NOT NULL, diagnostic TEXT, evidence TEXT)",
            "CREATE INDEX ix_tracking_events_recipient ON tracking_events (tracking_recipient_id)",
        ]),
        new(2, "webmail: settings, message summaries, read receipts and tracking queries",
        [
            "ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0",
            // One row per user once they change anything; absent means the organisation's defaults.
            "CREATE TABLE user_settings (user_id INTEGER PRIMARY KEY REFERENCES users (id), language TEXT, request_delivery_receipt INTEGER NOT NULL, request_read_receipt INTEGER NOT NULL, mdn_other_cases TEXT NOT NULL, mdn_not_in_to_cc TEXT NOT NULL, mdn_outside_domain TEXT NOT NULL, mdn_on_delete_unread INTEGER NOT NULL, process_receipts INTEGER NOT NULL)",
            "CREATE TABLE org_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            // Summary columns, written once at insert from the header, so a folder list never parses content.
            "ALTER TABLE messages ADD COLUMN subject TEXT",
            "ALTER TABLE messages ADD COLUMN from_text TEXT",
            "ALTER TABLE messages ADD COLUMN to_text TEXT",
            "ALTER TABLE messages ADD COLUMN date_at INTEGER",
            "ALTER TABLE messages ADD COLUMN has_attachments INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE messages ADD COLUMN seen INTEGER NOT NULL DEFAULT 0",
            "UPDATE messages SET seen = 1 WHERE (' ' || flags || ' ') LIKE '% \\Seen %'",
            // A report that came back: 'matched' to a tracked message, or 'unmatched' (shown as such, still mail).
            "ALTER TABLE messages ADD COLUMN report_state TEXT",
            "CREATE INDEX ix_messages_folder_unseen ON messages (folder_id) WHERE seen = 0",
            "ALTER TABLE tracking_messages ADD COLUMN envelope_id TEXT",
            // The sender's Sent copy, so the Sent item can show its Tracking tab.
            "ALTER TABLE tracking_messages ADD COLUMN sent_message_id INTEGER",
            "CREATE INDEX ix_tracking_messages_sender ON tracking_messages (sender_user, submitted_at)",
            "CREATE INDEX ix_tracking_messages_message_id ON tracking_messages (message_id)",
            "CREATE INDEX ix_tracking_messages_sent ON tracking_messages (sent_message_id)",
            // Denormalised owner, so the Tracking page filters one user's recipients through an index.
            "ALTER TABLE tracking_recipients ADD COLUMN sender_user TEXT",
            "UPDATE tracking_recipients SET sender_user = (SELECT t.sender_user FROM tracking_messages t WHERE t.id = tracking_message_id)",
            "ALTER TABLE tracking_recipients ADD COLUMN status TEXT",
            "ALTER TABLE tracking_recipients ADD COLUMN retry_until INTEGER",
            // Read state from MDNs (RFC 8098 disposition type), separate from the delivery state.
            "ALTER TABLE tracking_recipients ADD COLUMN read_state TEXT",
            "ALTER TABLE tracking_recipients ADD COLUMN read_at INTEGER",
            "ALTER TABLE tracking_recipients ADD COLUMN read_evidence TEXT",
            "CREATE INDEX ix_tracking_recipients_sender ON tracking_recipients (sender_user, id)",
            "CREATE INDEX ix_tracking_recipients_sender_state ON tracking_recipients (sender_user, state, state_at)",
            "CREATE INDEX ix_tracking_recipients_sender_read ON tracking_recipients (sender_user, read_state, read_at)",
            // "Delivered but no read receipt since": derived, so no writer has to keep it in step, and indexed so the
            // follow-up filter and its count read one index range (PostgreSQL would declare it STORED).
            "ALTER TABLE tracking_recipients ADD COLUMN awaiting_read_since INTEGER GENERATED ALWAYS AS (CASE WHEN read_state IS NULL AND state IN ('delivered', 'relayed') THEN state_at END) VIRTUAL",
            "CREATE INDEX ix_tracking_recipients_awaiting_read ON tracking_recipients (sender_user, awaiting_read_since)",
            "ALTER TABLE tracking_events ADD COLUMN status TEXT",
        ]),
        new(3, "report correlation: lookups by ENVID and by the evidence of our own DSNs, the report hint of queued mail",
        [
            // Reports that come back are matched by Original-Envelope-Id (RFC 3464 §2.2.1) within the user's records.
            "CREATE INDEX ix_tracking_messages_envelope ON tracking_messages (envelope_id)",
            // Our own DSN, once delivered, replaces the evidence "dsn:<queue id>" it was recorded with (docs/tracking.md).
            "CREATE INDEX ix_tracking_recipients_evidence ON tracking_recipients (evidence)",
            // Decided at acceptance from the bytes in hand: could this be a report (DSN, MDN, bounce)? Only then is it
            // read and analysed before local delivery. Rows from before are unknown, so 1 (inspect).
            "ALTER TABLE queue_messages ADD COLUMN may_be_report INTEGER NOT NULL DEFAULT 1",
        ]),
        new(4, "message contents stored once, referred to by every mailbox row that holds them",
        [
            // MessageContents: keyed by the SHA-256 of the bytes (hex), so one delivery to N mailboxes stores them once.
            "CREATE TABLE message_contents (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, content BLOB NOT NULL)",
            // NULL for rows from before, which keep their bytes in messages.content and are read through a LEFT JOIN
            // (no blob is rewritten at open); new rows leave messages.content empty.
            "ALTER TABLE messages ADD COLUMN content_id INTEGER REFERENCES message_contents (id)",
            // "Is this content still referred to?" after a delete for ever, one index probe.
            "CREATE INDEX ix_messages_content ON messages (content_id)",
        ]),
        new(5, "web sessions revoked on the server: signed-out session ids, and a generation per user for 'sign out everywhere'",
        [
            // A session id signed out before its cookie could expire; the row can go once expires_at has passed.
            "CREATE TABLE revoked_sessions (session_id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)",
            // Sessions carry the generation they signed in under; 'sign out everywhere' increments it. Absent means 0.
            "CREATE TABLE session_generations (address TEXT PRIMARY KEY, generation INTEGER NOT NULL)",
        ]),
        new(6, "DKIM signing keys: one row per domain and selector, with the key's state in rotation",
        [
            // state: 'active' (signs), 'published-next' (in DNS, signs from activate_at on), 'retired' (no longer signs,
            // still published so mail signed with it verifies). private_key: PKCS#8 PEM. Times as Unix milliseconds.
            "CREATE TABLE dkim_keys (domain TEXT NOT NULL, selector TEXT NOT NULL, algorithm TEXT NOT NULL, private_key TEXT NOT NULL, created_at INTEGER NOT NULL, state TEXT NOT NULL, activate_at INTEGER, retired_at INTEGER, PRIMARY KEY (domain, selector))",
        ]),
        new(7, "tracking provenance: where each event came from, who the report named, who vouched for it; the latest unverified claim",
        [
            // local (this server's own fact), authenticated (DKIM/SPF vouched for the report), unverified (nobody did).
            "ALTER TABLE tracking_events ADD COLUMN provenance TEXT",
            // The party a report names as its sender (From, else Reporting-MTA): "unverified report from X".
            "ALTER TABLE tracking_events ADD COLUMN reported_by TEXT",
            // For an authenticated report: the domain whose DKIM signature or SPF pass vouched for it.
            "ALTER TABLE tracking_events ADD COLUMN vouched_by TEXT",
            "ALTER TABLE tracking_recipients ADD COLUMN provenance TEXT",
            "ALTER TABLE tracking_recipients ADD COLUMN read_provenance TEXT",
            // An unverified report never moves the state; the latest one is kept on the row so lists can show it.
            "ALTER TABLE tracking_recipients ADD COLUMN unverified_state TEXT",
            "ALTER TABLE tracking_recipients ADD COLUMN unverified_at INTEGER",
            "ALTER TABLE tracking_recipients ADD COLUMN unverified_by TEXT",
            // The evidence view (a report in the mailbox) asks which events it is evidence for: one index probe.
            "CREATE INDEX ix_tracking_events_evidence ON tracking_events (evidence)",
            // Events from before: our queue's own are local; reports were never checked, so they are unverified
            // (their effect on the state stays: the history is not rewritten, only labelled).
            "UPDATE tracking_events SET provenance = CASE WHEN evidence LIKE 'message:%' THEN 'unverified' ELSE 'local' END",
            "UPDATE tracking_recipients SET provenance = COALESCE((SELECT e.provenance FROM tracking_events e WHERE e.tracking_recipient_id = tracking_recipients.id AND e.state = tracking_recipients.state ORDER BY e.at DESC, e.id DESC LIMIT 1), 'local')",
            "UPDATE tracking_recipients SET read_provenance = COALESCE((SELECT e.provenance FROM tracking_events e WHERE e.tracking_recipient_id = tracking_recipients.id AND e.state = 'mdn-' || tracking_recipients.read_state ORDER BY e.at DESC, e.id DESC LIMIT 1), 'unverified') WHERE read_state IS NOT NULL",
        ]),
        new(8, "message contents found again by the queued message they came from, not by a unique hash",
        [
            // MessageContents: a delivery now adds to the end of one small integer index instead of a random page of
            // a unique SHA-256 index (docs/benchmarks.md §1). The hash stays, unindexed, to check a find.
            "CREATE TABLE message_contents_v8 (id INTEGER PRIMARY KEY, queue_message_id INTEGER UNIQUE, sha256 TEXT, size INTEGER NOT NULL, content BLOB NOT NULL)",
            // Ids are kept, so messages.content_id still points at the same bytes; old rows get no queue key.
            "INSERT INTO message_contents_v8 (id, sha256, size, content) SELECT id, sha256, size, content FROM message_contents",
            "DROP TABLE message_contents",
            "ALTER TABLE message_contents_v8 RENAME TO message_contents",
        ], RebuildsTables: true),
        new(9, "a checksum of every stored message's bytes, verified when they are read",
        [
            // ContentChecksum (SHA-256, hex), written with the bytes from now on and compared on every read of them
            // (docs/storage.md). Rows from before get theirs here, computed from the bytes as they are now: damage
            // older than this migration cannot be told apart from the message, damage after it can.
            "ALTER TABLE queue_messages ADD COLUMN sha256 TEXT",
            "UPDATE queue_messages SET sha256 = sha256_hex(content)",
            // Mailbox rows from before migration 4 keep their bytes in messages.content (content_id NULL): their checksum
            // goes beside them. Rows that refer to message_contents are checked against its sha256 (written since migration 4).
            "ALTER TABLE messages ADD COLUMN sha256 TEXT",
            "UPDATE messages SET sha256 = sha256_hex(content) WHERE content_id IS NULL",
            "UPDATE message_contents SET sha256 = sha256_hex(content) WHERE sha256 IS NULL",
        ]),
        new(10, "IMAP: UIDs, UIDVALIDITY and MODSEQs per folder, subscriptions and an expunge log, kept by triggers on every write", Imap.ImapSchema.Statements),
        new(11, "IMAP: a cache per stored content (header length and checksum, ENVELOPE text), so FETCH reads only what it needs", Imap.ContentCacheSchema.Statements),
        new(12, "API: tokens (only their SHA-256 kept) and Idempotency-Key records of POST /api/v1/messages", Api.ApiSchema.Statements),
        new(13, "webhooks: endpoints and a durable outbox of deliveries, filled by a trigger in the commit of each tracking event", Webhooks.WebhookSchema.Statements),
        new(14, "events: tracking_events rebuilt so an unmatched report is an event in the same id sequence, every event naming its owner; report_events; the webhook trigger made again with the denied and unmatched-report types", Events.EventSchema.Statements, RebuildsTables: true),
        new(15, "cookie keys (data protection) in the database, so several nodes on one database share them", Security.DataProtectionKeySchema.Statements),
        new(16, "a display name per user, used in the From of what they send from the webmail and the API",
        [
            // NULL: no name, From is the bare address. Stored as typed (trimmed); MimeKit encodes it (RFC 2047) when sending.
            "ALTER TABLE users ADD COLUMN display_name TEXT",
        ]),
        new(17, "full-text search across folders: an FTS5 trigram index of subject, addresses and body text, filled in the background", Search.SearchSchema.Statements),
        new(18, "queue leases: which node holds a recipient, its fencing token and until when (several nodes on PostgreSQL)",
        [
            // docs/postgresql.md, "The queue across nodes": a node claims due recipients by writing these, and every
            // settlement is fenced by lease_token. Unused on SQLite (one process: the runner's in-memory set is enough);
            // PostgreSQL also gets the sequence queue_lease_tokens the tokens come from.
            "ALTER TABLE queue_recipients ADD COLUMN lease_owner TEXT",
            "ALTER TABLE queue_recipients ADD COLUMN lease_token INTEGER",
            "ALTER TABLE queue_recipients ADD COLUMN lease_until INTEGER",
        ]),
        new(19, "an address book per user: contacts saved by the person or collected from what they sent", Contacts.ContactSchema.Statements),
        new(20, "webhook leases: which node posts a delivery, its fencing token and until when (several nodes on PostgreSQL)",
        [
            // docs/webhooks.md, "Several processes or nodes": a dispatcher on PostgreSQL claims due deliveries by writing these, as the
            // queue claims recipients (migration 18), and writes an attempt's result only while lease_token is still its
            // own. Unused on SQLite (one process per data folder: the dispatcher's in-memory set is the claim);
            // PostgreSQL also gets the sequence webhook_lease_tokens the tokens come from.
            "ALTER TABLE webhook_deliveries ADD COLUMN lease_owner TEXT",
            "ALTER TABLE webhook_deliveries ADD COLUMN lease_token INTEGER",
            "ALTER TABLE webhook_deliveries ADD COLUMN lease_until INTEGER",
        ],
        PostgresStatements:
        [
            // Tokens from their own sequence: each claim's token is larger than every earlier one, so a late node's
            // result, fenced by its own, is not written.
            "ALTER TABLE webhook_deliveries ADD COLUMN lease_owner TEXT",
            "ALTER TABLE webhook_deliveries ADD COLUMN lease_token BIGINT",
            "ALTER TABLE webhook_deliveries ADD COLUMN lease_until BIGINT",
            "CREATE SEQUENCE webhook_lease_tokens",
        ]),
        new(21, "sign-in failures, API rate windows and created-token slots in the database, shared by several nodes on PostgreSQL", Security.SharedLimitsSchema.Statements,
            PostgresStatements: Security.SharedLimitsSchema.PostgresStatements),
        new(22, "search on PostgreSQL: a queue of the messages still to index, filled in each message's own commit", [], // nothing on SQLite, whose cursor is exact
            PostgresStatements: Search.SearchSchema.PostgresPendingStatements),
        new(23, "sorted text compares as bytes on PostgreSQL, as on SQLite, whatever the database's locale", [], // SQLite's BINARY already does
            PostgresStatements: Postgres.ByteOrderColumns.PostgresStatements),
    ];
}
