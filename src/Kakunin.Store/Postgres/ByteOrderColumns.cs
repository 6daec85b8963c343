namespace Kakunin.Store.Postgres;

/// <summary>
/// Migration 23, PostgreSQL only: the text columns Kakunin sorts by compare as bytes, as SQLite's BINARY collation
/// does, whatever locale the administrator created the database with. Without it a database made with an ICU or glibc
/// locale sorts users, aliases, DKIM keys and contacts by that locale's rules ("a.b@" before "a+b@", "@" before digits),
/// so one installation would list the same rows in two orders depending on its store. UTF-8 byte order is code point
/// order, which for the folded contact names (kana as hiragana) is the gojūon order.
/// Equality and uniqueness do not change: a deterministic collation is equal only for equal bytes
/// (postgresql.org/docs/15/collation.html, "Nondeterministic Collations"); the indexes on these columns are rebuilt.
/// </summary>
public static class ByteOrderColumns
{
    /// <summary>(table, column) of every text column a query orders by or compares with &lt; or &gt;.</summary>
    public static readonly IReadOnlyList<(string Table, string Column)> Columns =
    [
        ("users", "address"),
        ("aliases", "address"),
        ("aliases", "target"),
        ("domains", "name"),
        ("dkim_keys", "domain"),
        ("dkim_keys", "selector"),
        ("contacts", "search_key"),
        ("data_protection_keys", "name"),
    ];

    public static IReadOnlyList<string> PostgresStatements { get; } =
        [.. Columns.Select(c => $"ALTER TABLE {c.Table} ALTER COLUMN {c.Column} TYPE TEXT COLLATE \"C\"")];
}
