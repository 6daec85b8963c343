using System.Data.Common;

namespace Kakunin.Store.Dialects;

/// <summary>
/// What differs between the two databases the store runs on (docs/postgresql.md, "How the store becomes
/// provider-neutral"): how a connection is opened and set up, how the writer begins and commits, and the few SQL
/// statements whose text differs. Everything else is one SQL text for both.
/// </summary>
internal interface IStoreDialect
{
    /// <summary>"SQLite" or "PostgreSQL", for messages.</summary>
    string Name { get; }

    /// <summary>A new open connection, set up for this store (durability, foreign keys, functions the SQL calls).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The same, synchronously: the writer's thread opens a new connection when its own was lost.</summary>
    DbConnection Open();

    /// <summary>
    /// What kind of failure <paramref name="exception"/> (or one it wraps) is, asked the same way on both databases
    /// (docs/postgresql.md, "Faults"): SQLite's result codes, PostgreSQL's SQLSTATE classes and lost sockets.
    /// </summary>
    StoreFault Classify(Exception? exception);

    /// <summary>Runs inside every writer transaction just before its commit (PostgreSQL: the commit notice for other nodes).</summary>
    void BeforeCommit(DbConnection connection, DbTransaction transaction);

    /// <summary>The writer's transaction: on SQLite BEGIN IMMEDIATE (the write lock up front); on PostgreSQL a plain BEGIN.</summary>
    DbTransaction BeginWrite(DbConnection connection);

    /// <summary>
    /// Runs once in a writer transaction when it first holds a unit that will commit, before the next unit runs. PostgreSQL:
    /// from then on a unit waits for a row lock only <c>lock_timeout</c> long, then gives way (it runs again alone after the
    /// others commit, <see cref="StoreWriter"/>). SQLite: nothing (BEGIN IMMEDIATE took the one lock there is).
    /// </summary>
    void HoldingCommittedUnits(DbConnection connection, DbTransaction transaction);

    /// <summary>
    /// Chooses, before a batch begins, whether its commit waits for the disk (<paramref name="relaxed"/> false) or not
    /// (IMAP flags only: docs/imap-store.md).
    /// </summary>
    void SetRelaxedCommit(DbConnection connection, bool relaxed);

    /// <summary>
    /// Sets up the writer's own connection, once per connection (at start and after a reconnect). SQLite: the statement
    /// journal of the writer's savepoints in memory (<c>temp_store=MEMORY</c>; docs/storage.md). PostgreSQL: nothing.
    /// </summary>
    void PrepareWriter(DbConnection connection);

    /// <summary>Makes the triggers' change notices reach <paramref name="recorder"/> (null: nobody) on this connection.</summary>
    void RecordChanges(DbConnection connection, Changes.ChangeRecorder? recorder);

    /// <summary>
    /// A command whose scalar result moves when another connection committed (SQLite's PRAGMA data_version), asked by
    /// the idle writer; null where notices come another way (PostgreSQL: NOTIFY, not built yet).
    /// </summary>
    DbCommand? ExternalCommitProbe(DbConnection connection);

    /// <summary>The larger of two values: SQLite's two-argument max(), PostgreSQL's GREATEST().</summary>
    string Greatest(string a, string b);

    /// <summary>The lower-cased domain of an address column (what follows its first @).</summary>
    string DomainOf(string addressColumn);

    /// <summary>A subquery of the numbers in a JSON array parameter (<c>[1,2]</c>).</summary>
    string JsonArrayOfIds(string parameter);

    /// <summary>A subquery of the strings in a JSON array parameter (<c>["a","b"]</c>).</summary>
    string JsonArrayOfTexts(string parameter);

    /// <summary>The header section of a BLOB/BYTEA column: up to and with the first CRLF CRLF, or all of it (RFC 5322 §2.1).</summary>
    string HeaderSectionOf(string column);

    /// <summary>SQLite's <c>INDEXED BY name</c> after a table (with its leading space), nothing where the planner is not told.</summary>
    string IndexedBy(string index);

    /// <summary>
    /// Whether <paramref name="expression"/> contains <paramref name="literal"/> (a constant of the code, no quote in it).
    /// SQLite: LIKE '%literal%' (it has no escape character unless told); PostgreSQL: position(), since its LIKE reads a
    /// backslash as the escape character (an IMAP flag such as \Deleted holds one).
    /// </summary>
    string HasText(string expression, string literal);

    /// <summary>The webmail's "contains" operator for a LIKE pattern with ESCAPE '\': SQLite's LIKE ignores ASCII case, PostgreSQL needs ILIKE for that.</summary>
    string LikeIgnoringCase { get; }

    /// <summary>One UPDATE setting messages.flags from a JSON parameter <c>[[id, "flags"], ...]</c>.</summary>
    string UpdateFlagsFromJson(string parameter);

    /// <summary>The SHA-256 of a BLOB/BYTEA expression as lower-case hex (what <see cref="Integrity.ContentChecksum"/> computes).</summary>
    string Sha256Hex(string expression);
}
