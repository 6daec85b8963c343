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
    public string Name => "PostgreSQL";

    public NpgsqlDataSource DataSource => dataSource;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    // Every commit waits for the WAL flush (synchronous_commit=on). The relaxed IMAP-flag commit of SQLite would be
    // SET LOCAL synchronous_commit=off here; not used yet, so flags are durable at once on PostgreSQL.
    public void SetRelaxedCommit(DbConnection connection, bool relaxed)
    {
    }

    // kakunin_changed() is a SQL function in the schema that calls pg_notify; a NOTIFY listener is not built yet.
    public void RecordChanges(DbConnection connection, Changes.ChangeRecorder? recorder)
    {
    }

    public DbCommand? ExternalCommitProbe(DbConnection connection) => null;

    public string Greatest(string a, string b) => $"GREATEST({a}, {b})";

    public string DomainOf(string addressColumn) => $"lower(substr({addressColumn}, strpos({addressColumn}, '@') + 1))";

    // The parameter is sent as text (a .NET string): cast to jsonb, then each element to what it is compared with.
    public string JsonArrayOfIds(string parameter) => $"SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb))::bigint";

    public string JsonArrayOfTexts(string parameter) => $"SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb))";

    public string HeaderSectionOf(string column) =>
        $"CASE WHEN position('\\x0d0a0d0a'::bytea IN {column}) > 0 THEN substring({column} FROM 1 FOR position('\\x0d0a0d0a'::bytea IN {column}) + 3) ELSE {column} END";

    // sha256() is built in since PostgreSQL 11.
    public string Sha256Hex(string expression) => $"encode(sha256({expression}), 'hex')";

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
