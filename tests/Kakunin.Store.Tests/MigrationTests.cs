using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_again_change_nothing()
    {
        await using var t = await TempStore.OpenAsync();
        await t.ReopenAsync();
        await t.Store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(t.Folder, "kakunin.db")}");
        connection.Open();
        Assert.Equal(Migrations.All.Max(m => m.Version), Migrator.CurrentVersion(connection));
        Assert.Empty(Migrator.Apply(connection, Migrations.All));
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM schema_version";
        Assert.Equal((long)Migrations.All.Count, (long)count.ExecuteScalar()!);
        using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)journal.ExecuteScalar()!);
        connection.Close();
        SqliteConnection.ClearAllPools();
        await t.ReopenAsync();
    }

    [Fact]
    public async Task A_new_user_gets_the_default_folders()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("Example.COM", ct);
        Assert.True(await t.Store.Directory.IsLocalDomainAsync("example.com", ct));
        await t.Store.Directory.AddUserAsync("Dan@example.com", "pw", ct);
        foreach (var folder in MailFolders.Defaults)
        {
            Assert.Empty(await t.Store.Mailboxes.ListAsync("dan@example.com", folder, ct)); // exists (no throw), empty
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => t.Store.Directory.AddUserAsync("eve@other.test", "pw", ct));
    }
}
