using System.Globalization;
using Kakunin.Store.Postgres;
using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// A PostgreSQL database laid by an older Kakunin (the baseline, version 19, with mail in it) is brought to this
/// program's version at open by each later migration's PostgreSQL step, keeping its mail; several nodes opening an
/// empty database at once lay the schema once.
/// </summary>
public sealed class PostgresUpgradeTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_at_the_baseline_with_mail_opens_upgraded_and_its_mail_is_queued_for_the_search_index()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("upgrade_" + Guid.NewGuid().ToString("N")[..8], Ct);
        await using (var old = new NpgsqlConnection(connectionString))
        {
            // What a Kakunin of schema 19 laid and then stored: the baseline, its versions, a user with a message.
            await old.OpenAsync(Ct);
            foreach (var statement in PostgresSchema.Statements)
            {
                await ExecuteAsync(old, statement);
            }

            foreach (var migration in Migrations.All.Where(m => m.Version <= 19))
            {
                await ExecuteAsync(old, $"INSERT INTO schema_version (version, description, applied_at) VALUES ({migration.Version.ToString(CultureInfo.InvariantCulture)}, 'old', 0)");
            }

            await ExecuteAsync(old, "INSERT INTO users (address, password_hash, created_at) VALUES ('bob@example.test', 'x', 0)");
            await ExecuteAsync(old, "INSERT INTO folders (user_id, name) SELECT id, 'Inbox' FROM users");
            await ExecuteAsync(old, "INSERT INTO messages (folder_id, received_at, size, flags, content, subject) SELECT id, 0, 5, '', '\\x68656c6c6f'::bytea, 'Before the upgrade' FROM folders");
        }

        await using var store = await KakuninStore.OpenAsync(
            Path.Combine(Path.GetTempPath(), "kakunin-upgrade-" + Guid.NewGuid().ToString("N")), TempStore.Options with { ConnectionString = connectionString }, Ct);

        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync(Ct);
        Assert.Equal(SchemaVersion.Known, Convert.ToInt32(await ScalarAsync(check, "SELECT MAX(version) FROM schema_version"), CultureInfo.InvariantCulture));
        Assert.Equal(1L, await ScalarAsync(check, "SELECT COUNT(*) FROM messages WHERE subject = 'Before the upgrade'"));
        // Migration 20's columns, 21's tables, 22's queue with the old message in it, …
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM webhook_deliveries WHERE lease_token IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM auth_failures"));
        Assert.Equal(1L, await ScalarAsync(check, "SELECT COUNT(*) FROM message_search_pending"));
        // 23's byte order on the sorted columns.
        Assert.Equal("C", await ScalarAsync(check, "SELECT collation_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'address'"));
    }

    [Fact]
    public async Task Three_nodes_opening_an_empty_database_at_once_lay_the_schema_once()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("race_" + Guid.NewGuid().ToString("N")[..8], Ct);
        var options = TempStore.Options with { ConnectionString = connectionString };
        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            KakuninStore.OpenAsync(Path.Combine(Path.GetTempPath(), "kakunin-race-" + Guid.NewGuid().ToString("N")), options, Ct)));
        try
        {
            await using var check = new NpgsqlConnection(connectionString);
            await check.OpenAsync(Ct);
            Assert.Equal((long)Migrations.All.Count, await ScalarAsync(check, "SELECT COUNT(*) FROM schema_version"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
