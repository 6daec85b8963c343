namespace Kakunin.Store.Imap;

/// <summary>
/// Migration 10: what an IMAP mail store keeps beside the webmail's (docs/imap-store.md). Every folder has a
/// UIDVALIDITY (never given twice, even to a folder deleted and created again under the same name), the next UID and
/// the highest MODSEQ; every message a UID (per folder, ascending in arrival order, RFC 9051 §2.3.1.1) and the MODSEQ
/// of its last change (RFC 7162 §3.1); every message that left a folder a row in the expunge log (for QRESYNC
/// VANISHED, RFC 7162 §3.2.10, and for a session to learn what disappeared). Triggers keep all of it, so no write path
/// (delivery, Sent copy, webmail, receipts, IMAP, the CLI) can forget it, and they report each change to the writer
/// through <c>kakunin_changed(user_id, folder_id)</c> (<see cref="Changes.ChangeRecorder"/>).
/// </summary>
internal static class ImapSchema
{
    // A folder's UIDVALIDITY: the current Unix time in seconds, or one more than the last one given when that is not
    // smaller (several folders created in one second, a clock set back), as Dovecot does. 32 bits until 2106.
    private const string NextUidValidity =
        "UPDATE imap_counters SET value = MAX(value + 1, CAST(strftime('%s', 'now') AS INTEGER)) WHERE name = 'uid_validity'";

    public static IReadOnlyList<string> Statements { get; } =
    [
        "ALTER TABLE folders ADD COLUMN uid_validity INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE folders ADD COLUMN uid_next INTEGER NOT NULL DEFAULT 1",
        // RFC 7162 §3.1.1: mod-sequences are positive; an empty folder's HIGHESTMODSEQ is 1.
        "ALTER TABLE folders ADD COLUMN highest_modseq INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE folders ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE messages ADD COLUMN uid INTEGER",
        "ALTER TABLE messages ADD COLUMN modseq INTEGER",
        "CREATE TABLE imap_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "INSERT INTO imap_counters (name, value) VALUES ('uid_validity', CAST(strftime('%s', 'now') AS INTEGER))",

        // Rows from before: UIDs 1, 2, 3… per folder in id (arrival) order, all at MODSEQ 1.
        "UPDATE messages SET uid = r.n, modseq = 1 FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY folder_id ORDER BY id) AS n FROM messages) AS r WHERE r.id = messages.id",
        "UPDATE folders SET uid_next = COALESCE((SELECT MAX(m.uid) FROM messages m WHERE m.folder_id = folders.id), 0) + 1",
        "UPDATE folders SET uid_validity = r.n + (SELECT value FROM imap_counters WHERE name = 'uid_validity') FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM folders) AS r WHERE r.id = folders.id",
        "UPDATE imap_counters SET value = value + (SELECT COUNT(*) FROM folders) WHERE name = 'uid_validity'",

        // UIDs are unique per folder; a folder's messages by UID and its changes since a MODSEQ are index ranges.
        "CREATE UNIQUE INDEX ix_messages_folder_uid ON messages (folder_id, uid)",
        "CREATE INDEX ix_messages_folder_modseq ON messages (folder_id, modseq)",
        // The expunge log: a message's UID that left the folder at MODSEQ modseq. Cleared with its folder.
        "CREATE TABLE expunged (folder_id INTEGER NOT NULL, uid INTEGER NOT NULL, modseq INTEGER NOT NULL)",
        "CREATE INDEX ix_expunged_folder_modseq ON expunged (folder_id, modseq)",

        // Folders: a new one gets the next UIDVALIDITY; the folder list changed (folder_id NULL in the notice).
        "CREATE TRIGGER tr_folders_insert AFTER INSERT ON folders BEGIN " +
            NextUidValidity + "; " +
            "UPDATE folders SET uid_validity = (SELECT value FROM imap_counters WHERE name = 'uid_validity') WHERE id = NEW.id; " +
            "SELECT kakunin_changed(NEW.user_id, NULL); END",
        "CREATE TRIGGER tr_folders_update AFTER UPDATE OF name, subscribed ON folders BEGIN SELECT kakunin_changed(NEW.user_id, NULL); END",
        "CREATE TRIGGER tr_folders_delete AFTER DELETE ON folders BEGIN " +
            "DELETE FROM expunged WHERE folder_id = OLD.id; SELECT kakunin_changed(OLD.user_id, NULL); END",

        // A message arrives (delivery, Sent copy, draft, APPEND, COPY): the folder's next UID and a new MODSEQ.
        "CREATE TRIGGER tr_messages_insert AFTER INSERT ON messages BEGIN " +
            "UPDATE folders SET uid_next = uid_next + 1, highest_modseq = highest_modseq + 1 WHERE id = NEW.folder_id; " +
            "UPDATE messages SET (uid, modseq) = (SELECT uid_next - 1, highest_modseq FROM folders WHERE id = NEW.folder_id) WHERE id = NEW.id; " +
            "SELECT kakunin_changed(user_id, id) FROM folders WHERE id = NEW.folder_id; END",

        // Its flags change (not report_state or anything else): a new MODSEQ, and the seen column follows \Seen.
        "CREATE TRIGGER tr_messages_flags AFTER UPDATE OF flags ON messages WHEN NEW.flags IS NOT OLD.flags AND NEW.folder_id = OLD.folder_id BEGIN " +
            "UPDATE folders SET highest_modseq = highest_modseq + 1 WHERE id = NEW.folder_id; " +
            "UPDATE messages SET modseq = (SELECT highest_modseq FROM folders WHERE id = NEW.folder_id), " +
            "seen = ((' ' || NEW.flags || ' ') LIKE '% \\Seen %') WHERE id = NEW.id; " +
            "SELECT kakunin_changed(user_id, id) FROM folders WHERE id = NEW.folder_id; END",

        // It moves: expunged from the source (logged), a new UID in the target (RFC 6851 §4.3). A statement that moves
        // a message also sets its uid to NULL, so the old UID cannot collide with one of the target's before this runs.
        "CREATE TRIGGER tr_messages_move AFTER UPDATE OF folder_id ON messages WHEN NEW.folder_id IS NOT OLD.folder_id BEGIN " +
            "UPDATE folders SET highest_modseq = highest_modseq + 1 WHERE id = OLD.folder_id; " +
            "INSERT INTO expunged (folder_id, uid, modseq) SELECT OLD.folder_id, OLD.uid, highest_modseq FROM folders WHERE id = OLD.folder_id; " +
            "UPDATE folders SET uid_next = uid_next + 1, highest_modseq = highest_modseq + 1 WHERE id = NEW.folder_id; " +
            "UPDATE messages SET (uid, modseq) = (SELECT uid_next - 1, highest_modseq FROM folders WHERE id = NEW.folder_id) WHERE id = NEW.id; " +
            "SELECT kakunin_changed(user_id, id) FROM folders WHERE id IN (OLD.folder_id, NEW.folder_id); END",

        // It is deleted (webmail, a replaced draft, EXPUNGE, a deleted folder or user): logged with a new MODSEQ.
        "CREATE TRIGGER tr_messages_delete AFTER DELETE ON messages BEGIN " +
            "UPDATE folders SET highest_modseq = highest_modseq + 1 WHERE id = OLD.folder_id; " +
            "INSERT INTO expunged (folder_id, uid, modseq) SELECT OLD.folder_id, OLD.uid, highest_modseq FROM folders WHERE id = OLD.folder_id; " +
            "SELECT kakunin_changed(user_id, id) FROM folders WHERE id = OLD.folder_id; END",
    ];
}
