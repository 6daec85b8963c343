namespace Kakunin.Store.Search;

/// <summary>
/// Migration 17: full-text search across a user's folders (issue 16 item 4, docs/webmail.md "Search").
/// message_search is an FTS5 table with the trigram tokenizer (sqlite.org/fts5.html §4.3.5: every 3-character
/// sequence is a token, so Japanese without spaces is found inside a word; queries need 3 characters or more).
/// Its rowid is messages.id. It is filled outside the delivery's commit by <see cref="SearchIndexer"/>, which keeps
/// how far it got in message_search_state; the index can always be rebuilt from the messages, so it is written
/// without waiting for an fsync.
/// </summary>
internal static class SearchSchema
{
    /// <summary>The FTS5 table; SQLite adds its shadow tables <c>message_search_data</c>, <c>_idx</c>, <c>_content</c>, <c>_docsize</c>, <c>_config</c>.</summary>
    public const string Table = "message_search";

    // subject, from/to/cc text, and the body as text (capped: SearchText.MaxBodyChars).
    private const string CreateTable = "CREATE VIRTUAL TABLE message_search USING fts5(subject, addresses, body, tokenize='trigram')";

    public static IReadOnlyList<string> Statements { get; } =
    [
        CreateTable,
        // One row: every message with an id up to indexed_through has been looked at. 0 after the upgrade: the
        // indexer backfills existing mail in batches while the server runs.
        "CREATE TABLE message_search_state (id INTEGER PRIMARY KEY, indexed_through INTEGER NOT NULL)",
        "INSERT INTO message_search_state (id, indexed_through) VALUES (1, 0)",
        // A deleted message leaves the index in the same statement. messages.id is a rowid without AUTOINCREMENT, so
        // when the newest message goes its id can be given again: the cursor steps back below it then, so the next
        // message with that id is indexed too (sqlite.org/autoinc.html).
        "CREATE TRIGGER tr_messages_search_delete AFTER DELETE ON messages BEGIN " +
            "DELETE FROM message_search WHERE rowid = OLD.id; " +
            "UPDATE message_search_state SET indexed_through = (SELECT COALESCE(MAX(id), 0) FROM messages) " +
            "WHERE id = 1 AND indexed_through >= OLD.id AND OLD.id > (SELECT COALESCE(MAX(id), 0) FROM messages); END",
    ];

    /// <summary>
    /// Migration 22, PostgreSQL only: the messages the indexer has still to read, a row each, written by an insert trigger
    /// in the message's own commit. SQLite's cursor (message_search_state) relies on ids committing in order, which one
    /// writer gives; several PostgreSQL writers do not: a cursor passed an id whose message committed later, and that
    /// message's body was never indexed. A row goes with its message (cascade) or when it is indexed
    /// (<see cref="SearchIndexer"/>). The upgrade queues every message the index does not hold yet.
    /// </summary>
    public static IReadOnlyList<string> PostgresPendingStatements { get; } =
    [
        "CREATE TABLE message_search_pending (id BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE)",
        "CREATE FUNCTION tr_messages_search_pending() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
            "INSERT INTO message_search_pending (id) VALUES (NEW.id); RETURN NULL; END $$",
        "CREATE TRIGGER tr_messages_search_pending AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION tr_messages_search_pending()",
        "INSERT INTO message_search_pending (id) SELECT m.id FROM messages m WHERE NOT EXISTS (SELECT 1 FROM message_search s WHERE s.id = m.id)",
    ];

    /// <summary>
    /// Empties the index by making its table anew (a damaged FTS5 table cannot be trusted to delete its own rows) and
    /// sets the cursor back to the start, so that <see cref="SearchIndexer"/> backfills every message again.
    /// </summary>
    public static void Rebuild(StoreTransaction tx)
    {
        tx.Execute($"DROP TABLE {Table}");
        tx.Execute(CreateTable);
        tx.Execute("UPDATE message_search_state SET indexed_through = 0 WHERE id = 1");
    }
}
