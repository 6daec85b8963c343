using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.IntegrationTests;

/// <summary>
/// The upgrade path seen from <c>kakunin serve</c>: an older database is copied aside and migrated, with a log line that
/// says where the copy is; a database from a newer Kakunin stops the server with one sentence and exit code 1.
/// </summary>
public sealed class UpgradeGuardTests
{
    [Fact]
    public async Task Serve_copies_an_older_database_aside_says_so_and_migrates_it()
    {
        var data = Directory.CreateTempSubdirectory("kakunin-upgrade-").FullName;
        LayDownDatabase(data, SchemaVersion.Known - 1);

        await using var server = await KakuninProcess.StartAsync(dataDirectory: data);

        var copy = Path.Combine(data, $"kakunin.db.before-v{SchemaVersion.Known}");
        Assert.True(File.Exists(copy), server.Log);
        Assert.Contains($"Database upgraded from schema version {SchemaVersion.Known - 1} to {SchemaVersion.Known}; the database as it was before is in {copy}", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_a_database_from_a_newer_Kakunin_in_one_sentence()
    {
        var data = Directory.CreateTempSubdirectory("kakunin-upgrade-").FullName;
        var database = LayDownDatabase(data, SchemaVersion.Known + 1);
        var bytes = await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken);

        var serve = await KakuninCli.RunAsync("serve", "--data", data, "--smtp-port", KakuninProcess.FreePort().ToString(),
            "--submission-port", KakuninProcess.FreePort().ToString(), "--submission-tls-port", KakuninProcess.FreePort().ToString(), "--imap-port", KakuninProcess.FreePort().ToString(), "--imaps-port", KakuninProcess.FreePort().ToString(), "--http-port", KakuninProcess.FreePort().ToString());

        Assert.Equal(1, serve.Exit);
        Assert.Equal(
            $"kakunin: {database} is at schema version {SchemaVersion.Known + 1}, newer than the {SchemaVersion.Known} this Kakunin knows: it was written by a later version, so run that version (or restore a backup taken before the upgrade)",
            serve.Error.Trim());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(data, "*.before-v*"));

        // The administrator commands refuse it the same way instead of migrating it.
        var list = await KakuninCli.RunAsync("user", "list", "--data", data);
        Assert.Equal(1, list.Exit);
        Assert.StartsWith($"kakunin: {database} is at schema version {SchemaVersion.Known + 1}", list.Error, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }

    /// <summary>A database whose schema_version says <paramref name="version"/> (past the known ones: an extra row), in the rollback journal.</summary>
    private static string LayDownDatabase(string folder, int version)
    {
        var database = Path.Combine(folder, "kakunin.db");
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version <= version)]);
        using var command = connection.CreateCommand();
        command.CommandText = version > SchemaVersion.Known
            ? $"INSERT INTO schema_version (version, description, applied_at) VALUES ({version}, 'from a later Kakunin', 0); PRAGMA journal_mode=DELETE"
            : "PRAGMA journal_mode=DELETE";
        command.ExecuteNonQuery();
        return database;
    }
}
