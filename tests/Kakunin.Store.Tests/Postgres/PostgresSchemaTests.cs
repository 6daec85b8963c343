using System.Data.Common;
using Kakunin.Store.Postgres;
using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// The PostgreSQL schema against SQLite's after all migrations, both read from their own catalogs (sqlite_master and
/// pragma_table_xinfo; information_schema and pg_indexes): a migration that forgets its PostgreSQL step fails here.
/// </summary>
public sealed class PostgresSchemaTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    // SQLite's declared column types (what the migrations write) and the PostgreSQL type each must become.
    private static readonly Dictionary<string, string> CompatibleType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["INTEGER"] = "bigint",
        ["TEXT"] = "text",
        ["BLOB"] = "bytea",
    };

    [Fact]
    public async Task Every_table_and_column_of_SQLite_after_all_migrations_exists_in_PostgreSQL_with_a_compatible_type()
    {
        var ct = TestContext.Current.CancellationToken;
        var sqlite = await SqliteColumnsAsync(ct);
        var postgres = await PostgresColumnsAsync(await InstalledDatabaseAsync("schema_columns", ct), ct);

        var problems = new List<string>();
        foreach (var table in sqlite.Keys.Except(postgres.Keys))
        {
            problems.Add($"table {table} is missing in PostgreSQL");
        }

        // Tables PostgreSQL has on purpose, and why: message_search_pending replaces SQLite's search cursor there, where
        // several writers commit ids out of order (migration 22, SearchSchema.PostgresPendingStatements).
        string[] postgresOnly = ["message_search_pending"];
        foreach (var table in postgres.Keys.Except(sqlite.Keys).Except(postgresOnly))
        {
            problems.Add($"table {table} is in PostgreSQL only");
        }

        foreach (var table in sqlite.Keys.Intersect(postgres.Keys))
        {
            foreach (var (name, column) in sqlite[table])
            {
                if (!postgres[table].TryGetValue(name, out var pg))
                {
                    problems.Add($"{table}.{name} is missing in PostgreSQL");
                    continue;
                }

                if (!CompatibleType.TryGetValue(column.Type, out var wanted) || pg.Type != wanted)
                {
                    problems.Add($"{table}.{name}: SQLite {column.Type}, PostgreSQL {pg.Type}");
                }

                if (column.NotNull != pg.NotNull)
                {
                    problems.Add($"{table}.{name}: NOT NULL in {(column.NotNull ? "SQLite" : "PostgreSQL")} only");
                }

                if (column.Generated != pg.Generated)
                {
                    problems.Add($"{table}.{name}: generated in {(column.Generated ? "SQLite" : "PostgreSQL")} only");
                }
            }

            foreach (var name in postgres[table].Keys.Except(sqlite[table].Keys))
            {
                problems.Add($"{table}.{name} is in PostgreSQL only");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("tracking_recipients", sqlite.Keys); // the catalogs were read, not two empty sets compared
        Assert.True(sqlite.Values.Sum(t => t.Count) > 150, "all columns were read");
    }

    [Fact]
    public async Task Every_index_of_SQLite_exists_in_PostgreSQL_and_the_schema_version_is_the_same()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TempStore.OpenAsync();
        await using var lite = await store.Store.OpenReadConnectionAsync(ct);
        var sqliteIndexes = await ReadStringsAsync(lite, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL", ct);
        var sqliteVersion = await ReadStringsAsync(lite, "SELECT CAST(MAX(version) AS TEXT) FROM schema_version", ct);

        await using var pg = new NpgsqlConnection(await InstalledDatabaseAsync("schema_indexes", ct));
        await pg.OpenAsync(ct);
        var pgIndexes = await ReadStringsAsync(pg, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'", ct);
        var pgVersion = await ReadStringsAsync(pg, "SELECT CAST(MAX(version) AS TEXT) FROM schema_version", ct);

        Assert.Empty(sqliteIndexes.Except(pgIndexes));
        Assert.Equal(sqliteVersion, pgVersion);
    }

    private async Task<string> InstalledDatabaseAsync(string name, CancellationToken ct)
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync(name, ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await PostgresSchemaInstaller.InstallOrUpgradeAsync(connection, DateTimeOffset.UtcNow, ct);
        return connectionString;
    }

    private static async Task<Dictionary<string, Dictionary<string, Column>>> SqliteColumnsAsync(CancellationToken ct)
    {
        await using var store = await TempStore.OpenAsync();
        await using var connection = await store.Store.OpenReadConnectionAsync(ct);
        var tables = new Dictionary<string, Dictionary<string, Column>>();
        // FTS5 tables (migration 17's message_search): PostgreSQL has a plain table with their columns and an id for
        // their rowid; the shadow tables FTS5 keeps its index in (sqlite.org/fts5.html, "the shadow tables") are SQLite's own.
        var fts = await ReadStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'", ct);
        var shadows = fts.SelectMany(v => new[] { "_data", "_idx", "_content", "_docsize", "_config" }.Select(suffix => v + suffix)).ToHashSet();
        foreach (var table in await ReadStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", ct))
        {
            if (shadows.Contains(table))
            {
                continue;
            }

            // table_xinfo, not table_info: the latter hides generated columns. hidden 2/3 = generated (VIRTUAL/STORED).
            // An INTEGER PRIMARY KEY is the rowid and never NULL, though notnull says 0; other key columns are NOT NULL too.
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(@t)";
            command.Parameters.AddWithValue("@t", table);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var columns = new Dictionary<string, Column>();
            while (await reader.ReadAsync(ct))
            {
                if (fts.Contains(table))
                {
                    // Untyped text columns; hidden 1 are FTS5's own (the table's name, rank).
                    if (reader.GetInt64(4) == 0)
                    {
                        columns[reader.GetString(0)] = new Column("TEXT", false, false);
                    }

                    continue;
                }

                columns[reader.GetString(0)] = new Column(reader.GetString(1), reader.GetInt64(2) == 1 || reader.GetInt64(3) > 0, reader.GetInt64(4) is 2 or 3);
            }

            if (fts.Contains(table))
            {
                columns["id"] = new Column("INTEGER", true, false);
            }

            tables[table] = columns;
        }

        return tables;
    }

    private static async Task<Dictionary<string, Dictionary<string, Column>>> PostgresColumnsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type, is_nullable, is_generated FROM information_schema.columns WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var tables = new Dictionary<string, Dictionary<string, Column>>();
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var columns))
            {
                tables[table] = columns = [];
            }

            columns[reader.GetString(1)] = new Column(reader.GetString(2), reader.GetString(3) == "NO", reader.GetString(4) == "ALWAYS");
        }

        return tables;
    }

    private static async Task<List<string>> ReadStringsAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private sealed record Column(string Type, bool NotNull, bool Generated);
}
