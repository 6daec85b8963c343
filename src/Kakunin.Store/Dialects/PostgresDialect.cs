using System.Data.Common;
using Npgsql;

namespace Kakunin.Store.Dialects;

/// <summary>
/// PostgreSQL through Npgsql, for several nodes on one database (docs/postgresql.md). Durability is the server's
/// synchronous_commit=on, checked when the store opens (<see cref="Postgres.PostgresStoreOpener"/>); foreign keys are
/// always on; the triggers notify through pg_notify, so nothing is registered per connection.
/// </summary>
internal sealed class PostgresDialect(NpgsqlDataSource dataSource) : IStoreDialect, IAsyncDisposable
{
    /// <summary>
    /// The database's clock in Unix milliseconds, what lease expiries are written in and compared with (the queue's and
    /// the webhook outbox's): clock_timestamp() is the time of the call, not of the transaction, and one clock for every
    /// node means their skew never moves a lease (docs/postgresql.md, "The queue across nodes").
    /// </summary>
    public const string DatabaseNowMs = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    public string Name => "PostgreSQL";

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>
    /// This store's name in the commit notices it sends (<see cref="BeforeCommit"/>), so its own listener can tell them
    /// from other nodes' (<see cref="Changes.PostgresChangeListener"/>).
    /// </summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N")[..16];

    public DbConnection Open() => dataSource.OpenConnection();

    // SQLSTATE classes: https://www.postgresql.org/docs/15/errcodes-appendix.html
    public StoreFault Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    var fault = pg.SqlState switch
                    {
                        // serialization_failure, deadlock_detected, lock_not_available (lock_timeout: HoldingCommittedUnits)
                        "40001" or "40P01" or "55P03" => StoreFault.RetryTransaction,
                        "53100" => StoreFault.DiskFull, // disk_full
                        "XX001" or "XX002" => StoreFault.Corrupt, // data_corrupted, index_corrupted
                        // connection_exception (class 08); admin_shutdown, crash_shutdown, cannot_connect_now (a restart)
                        { } state when state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" => StoreFault.Unreachable,
                        _ => StoreFault.Other,
                    };
                    return Lost(fault);
                // Npgsql's own errors without a server's answer: the socket was refused, reset or timed out.
                case NpgsqlException:
                case System.Net.Sockets.SocketException:
                case IOException:
                case TimeoutException:
                    return Lost(StoreFault.Unreachable);
                default:
                    break;
            }
        }

        return StoreFault.Other;
    }

    // Every commit of the writer tells the other nodes that something changed (what the SQLite store learns from
    // PRAGMA data_version): a session revoked, a user added, a retry asked for. The triggers' per-folder notices go with it.
    public void BeforeCommit(DbConnection connection, DbTransaction transaction)
    {
        using var notify = Sql.Command(connection, "SELECT pg_notify(@channel, @payload)", ("@channel", Postgres.PostgresSchema.ChangesChannel), ("@payload", Changes.PostgresChangeListener.CommitPayloadPrefix + NodeId));
        notify.Transaction = transaction;
        notify.ExecuteNonQuery();
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    // A batch's units are separate pieces of work sharing one commit. Once one of them has taken its locks, a later unit
    // that waits for a row another node holds makes that node's work wait for everything this batch holds: with three
    // nodes delivering into the same Inboxes (each delivery raises its folder's uid counter), batches took folder rows
    // in opposite orders and every such cycle cost a deadlock_timeout (1 s by default) before PostgreSQL broke it. With
    // a bounded wait the unit gives way first: the writer commits the others and runs it again alone, waiting as long as
    // needed there (nothing else held). LOCAL: the setting ends with the transaction.
    public void HoldingCommittedUnits(DbConnection connection, DbTransaction transaction)
    {
        using var bound = Sql.Command(connection, "SET LOCAL lock_timeout = " + LockWaitWithOthersHeld.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        bound.Transaction = transaction;
        bound.ExecuteNonQuery();
    }

    /// <summary>How long a unit waits for a row lock while its transaction holds other units' work (<see cref="HoldingCommittedUnits"/>).</summary>
    public static TimeSpan LockWaitWithOthersHeld { get; } = TimeSpan.FromMilliseconds(200);

    // A batch of units that need no fsync (IMAP flags, webhook results, the search index: what SQLite commits with
    // synchronous=NORMAL) commits without waiting for its WAL flush: synchronous_commit=off for the session, set before
    // BEGIN and only when it changes (the writer remembers). Such a commit can be lost in a crash of the database
    // server, never half-applied, and never one that needs its fsync: RESET gives those back the server's setting,
    // which the store refused to open without (PostgresStoreOpener).
    public void SetRelaxedCommit(DbConnection connection, bool relaxed)
    {
        using var command = Sql.Command(connection, relaxed ? "SET synchronous_commit = off" : "RESET synchronous_commit");
        command.ExecuteNonQuery();
    }

    // Nothing to set: statement journals are SQLite's.
    public void PrepareWriter(DbConnection connection)
    {
    }

    // kakunin_changed() is a SQL function in the schema that calls pg_notify; each node's PostgresChangeListener hears it.
    public void RecordChanges(DbConnection connection, Changes.ChangeRecorder? recorder)
    {
    }

    public DbCommand? ExternalCommitProbe(DbConnection connection) => null;

    public string IndexedBy(string index) => string.Empty;

    public string HasText(string expression, string literal) => $"position('{literal}' IN {expression}) > 0";

    public string LikeIgnoringCase => "ILIKE";

    public string UpdateFlagsFromJson(string parameter) =>
        $"UPDATE messages SET flags = j.value ->> 1 FROM jsonb_array_elements(CAST({parameter} AS jsonb)) AS j (value) WHERE messages.id = (j.value ->> 0)::bigint";

    public string Greatest(string a, string b) => $"GREATEST({a}, {b})";

    public string DomainOf(string addressColumn) => $"lower(substr({addressColumn}, strpos({addressColumn}, '@') + 1))";

    // The parameter is sent as text (a .NET string): cast to jsonb, then each element to what it is compared with.
    public string JsonArrayOfIds(string parameter) => $"SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb))::bigint";

    public string JsonArrayOfTexts(string parameter) => $"SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb))";

    public string HeaderSectionOf(string column) =>
        $"CASE WHEN position('\\x0d0a0d0a'::bytea IN {column}) > 0 THEN substring({column} FROM 1 FOR position('\\x0d0a0d0a'::bytea IN {column}) + 3) ELSE {column} END";

    // sha256() is built in since PostgreSQL 11.
    public string Sha256Hex(string expression) => $"encode(sha256({expression}), 'hex')";

    // The pool's idle connections died with the server: dropped now, so the first statements after its return do not
    // each fail once on a dead socket.
    private StoreFault Lost(StoreFault fault)
    {
        if (fault == StoreFault.Unreachable)
        {
            dataSource.Clear();
        }

        return fault;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
