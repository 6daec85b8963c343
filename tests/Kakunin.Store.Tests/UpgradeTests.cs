using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>The upgrade path (docs/deploy.md, Upgrades): a copy before migrating an existing database, and a database from a newer Kakunin left alone.</summary>
public sealed class UpgradeTests
{
    private static readonly int Last = SchemaVersion.Known;

    // The version before the last migration (not Previous: a version number may be skipped while branches merge).
    private static readonly int Previous = Migrations.All.Select(m => m.Version).Where(v => v < Last).Max();

    [Fact]
    public async Task A_database_with_an_older_schema_is_copied_beside_itself_before_it_is_migrated()
    {
        await using var t = await TempStore.OpenAsync(folder =>
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "kakunin.db")}");
            connection.Open();
            Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version < Last)]);
            Execute(connection, "INSERT INTO domains (name) VALUES ('old.example')");
        });

        var upgrade = Assert.IsType<StoreUpgrade>(t.Store.Upgrade);
        Assert.Equal((Previous, Last), (upgrade.FromVersion, upgrade.ToVersion));
        Assert.Equal(Path.Combine(t.Folder, $"kakunin.db.before-v{Last}"), upgrade.CopyPath);
        Assert.True(await t.Store.Directory.IsLocalDomainAsync("old.example", TestContext.Current.CancellationToken));

        // The copy is the old database, whole, on its own (no -wal needed beside it).
        Assert.False(File.Exists(upgrade.CopyPath + "-wal"));
        using var copy = new SqliteConnection($"Data Source={upgrade.CopyPath};Mode=ReadOnly;Pooling=False");
        copy.Open();
        Assert.Equal(Previous, SchemaVersion.Read(copy));
        Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
        Assert.Equal("old.example", Scalar(copy, "SELECT name FROM domains"));
        Assert.Equal("delete", Scalar(copy, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_second_upgrade_keeps_the_first_copy()
    {
        await using var t = await TempStore.OpenAsync(folder =>
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "kakunin.db")}");
            connection.Open();
            Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version < Last)]);
            File.WriteAllText(Path.Combine(folder, $"kakunin.db.before-v{Last}"), "an earlier copy");
        });

        var copy = Assert.IsType<StoreUpgrade>(t.Store.Upgrade).CopyPath;
        Assert.StartsWith(Path.Combine(t.Folder, $"kakunin.db.before-v{Last}."), copy, StringComparison.Ordinal);
        Assert.Equal("an earlier copy", await File.ReadAllTextAsync(Path.Combine(t.Folder, $"kakunin.db.before-v{Last}"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_new_database_and_a_current_one_take_no_copy()
    {
        await using var t = await TempStore.OpenAsync();
        Assert.Null(t.Store.Upgrade);
        await t.ReopenAsync();
        Assert.Null(t.Store.Upgrade);
        Assert.Empty(Directory.GetFiles(t.Folder, "*.before-v*"));
    }

    [Fact]
    public async Task A_database_from_a_newer_Kakunin_is_refused_in_one_sentence_and_left_unchanged()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "kakunin.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                connection.Open();
                Migrator.Apply(connection, Migrations.All);
                Execute(connection, $"INSERT INTO schema_version (version, description, applied_at) VALUES ({Last + 3}, 'from the future', 0)");
                Execute(connection, "PRAGMA journal_mode=DELETE");
            }

            var before = await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken);
            var e = await Assert.ThrowsAsync<DatabaseTooNewException>(() => KakuninStore.OpenAsync(folder, TempStore.Options, TestContext.Current.CancellationToken));
            SqliteConnection.ClearAllPools();

            Assert.Equal(
                $"{database} is at schema version {Last + 3}, newer than the {Last} this Kakunin knows: it was written by a later version, so run that version (or restore a backup taken before the upgrade)",
                e.Message);
            Assert.Equal(before, await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken));
            Assert.Empty(Directory.GetFiles(folder, "*.before-v*"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_administrator_command_does_not_upgrade_a_database_a_running_server_still_uses()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "kakunin.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                connection.Open();
                Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version < Last)]);
                Execute(connection, "PRAGMA journal_mode=DELETE");
            }

            var before = await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken);
            var options = TempStore.Options with { RefuseUpgradeWhileLocked = true };
            using (Backup.DataFolderLock.TryAcquire(folder, "the old server"))
            {
                var e = await Assert.ThrowsAsync<StoreUpgradeException>(() => KakuninStore.OpenAsync(folder, options, TestContext.Current.CancellationToken));
                Assert.StartsWith($"{database} is at schema version {Previous} and a running server still uses it", e.Message, StringComparison.Ordinal);
            }

            SqliteConnection.ClearAllPools();
            Assert.Equal(before, await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken));

            // Once the server has stopped, the same command upgrades it.
            await using (var store = await KakuninStore.OpenAsync(folder, options, TestContext.Current.CancellationToken))
            {
                Assert.Equal(Last, Assert.IsType<StoreUpgrade>(store.Upgrade).ToVersion);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
