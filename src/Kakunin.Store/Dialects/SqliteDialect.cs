using System.Data.Common;
using Kakunin.Store.Integrity;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Dialects;

/// <summary>SQLite, the embedded default: one database file in WAL mode, fsynced at every durable commit.</summary>
internal sealed class SqliteDialect(string connectionString) : IStoreDialect
{
    /// <summary>For SQL text only (a transaction of the migrations, which have no store around them).</summary>
    public static SqliteDialect Text { get; } = new(string.Empty);

    public string Name => "SQLite";

    public string ConnectionString => connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenSqliteAsync(cancellationToken).ConfigureAwait(false);

    public DbConnection Open() => OpenSqliteAsync(CancellationToken.None).GetAwaiter().GetResult(); // SQLite opens synchronously underneath

    // https://sqlite.org/rescode.html: the primary code is the low byte of an extended one.
    public StoreFault Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite)
            {
                return (sqlite.SqliteErrorCode & 0xff) switch
                {
                    5 or 6 => StoreFault.RetryTransaction, // SQLITE_BUSY, SQLITE_LOCKED
                    13 => StoreFault.DiskFull, // SQLITE_FULL
                    11 or 26 => StoreFault.Corrupt, // SQLITE_CORRUPT, SQLITE_NOTADB
                    _ => StoreFault.Other,
                };
            }
        }

        return StoreFault.Other;
    }

    // Other processes' commits are seen through data_version (ExternalCommitProbe): nothing to announce.
    public void BeforeCommit(DbConnection connection, DbTransaction transaction)
    {
    }

    // The SQLite handles (pooled: a connection closed goes back to the pool with its handle) that have this store's
    // settings already. PRAGMAs belong to the handle, not to the SqliteConnection object, so a connection taken from the
    // pool again needs them set only once: a reader lookup (two opens per SMTP message at one session: RCPT, DMARC's
    // local-domain check) then parses and runs its query alone, not three PRAGMAs first (docs/benchmarks.md §1). The
    // writer takes its handle out (PrepareWriter): it changes synchronous batch by batch and keeps temp_store in memory,
    // so should its handle ever go back to the pool, the next connection that gets it sets everything again. Nothing
    // else changes these settings on a pooled connection (the migrations put foreign_keys back as they found it).
    private static readonly object Marker = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    public async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            ContentChecksum.Register(connection); // sha256_hex() for SQL that rewrites stored bytes
            Changes.ChangeRecorder.Register(connection, recorder: null); // the triggers' notices; the writer's records them
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                // synchronous=FULL: in WAL mode the WAL is synced at every commit, so a committed transaction survives
                // power loss (NORMAL would only guarantee consistency). This is what lets a 250 follow a commit.
                using var pragmas = Sql.Command(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA temp_store=DEFAULT");
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _configured.AddOrUpdate(connection.Handle!, Marker);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // BEGIN IMMEDIATE: take the write lock up front (readers in WAL mode are not blocked).
    public DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public void HoldingCommittedUnits(DbConnection connection, DbTransaction transaction)
    {
    }

    // SQLite refuses to change synchronous inside a transaction: the writer calls this before BEGIN.
    public void SetRelaxedCommit(DbConnection connection, bool relaxed)
    {
        using var command = Sql.Command(connection, relaxed ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
        command.ExecuteNonQuery();
    }

    // Every unit runs in a SAVEPOINT (and local delivery at acceptance in one more inside it), so SQLite keeps a statement
    // journal of the pages each changes; past 64 KiB it spills to a new temporary file (sqlite.org/tempfiles.html §2.5),
    // which a 1 KB message's unit (~30 pages) always did: open, ~13 writes, unlink and close per message, on the 250's path
    // (docs/benchmarks.md §1, "CPU per message"). In memory it is a copy of those pages. Only the writer: readers' sorts
    // and temporary indexes stay in files, and nothing a reader does grows the server's memory.
    public void PrepareWriter(DbConnection connection)
    {
        _configured.Remove(((SqliteConnection)connection).Handle!);
        using var command = Sql.Command(connection, "PRAGMA temp_store=MEMORY");
        command.ExecuteNonQuery();
    }

    public void RecordChanges(DbConnection connection, Changes.ChangeRecorder? recorder) =>
        Changes.ChangeRecorder.Register((SqliteConnection)connection, recorder);

    // data_version changes only for commits made by OTHER connections (sqlite.org/pragma.html#pragma_data_version).
    public DbCommand? ExternalCommitProbe(DbConnection connection) => Sql.Command(connection, "PRAGMA data_version");

    public string Greatest(string a, string b) => $"max({a}, {b})";

    public string DomainOf(string addressColumn) => $"lower(substr({addressColumn}, instr({addressColumn}, '@') + 1))";

    public string JsonArrayOfIds(string parameter) => $"SELECT value FROM json_each({parameter})";

    public string JsonArrayOfTexts(string parameter) => $"SELECT value FROM json_each({parameter})";

    public string HeaderSectionOf(string column) =>
        $"CASE WHEN instr({column}, x'0d0a0d0a') > 0 THEN substr({column}, 1, instr({column}, x'0d0a0d0a') + 3) ELSE {column} END";

    public string IndexedBy(string index) => " INDEXED BY " + index;

    public string HasText(string expression, string literal) => $"{expression} LIKE '%{literal}%'";

    public string LikeIgnoringCase => "LIKE";

    public string UpdateFlagsFromJson(string parameter) =>
        $"UPDATE messages SET flags = j.value ->> 1 FROM json_each({parameter}) AS j WHERE messages.id = j.value ->> 0";

    // An app-defined function (ContentChecksum.Register on every connection).
    public string Sha256Hex(string expression) => $"{ContentChecksum.SqlFunction}({expression})";
}
