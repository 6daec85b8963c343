using System.Text;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>
/// Migration 4: a message's bytes are stored once however many mailboxes hold them, rows from before the migration
/// stay readable, and a delete for ever takes the bytes with the last mailbox that held them.
/// </summary>
public sealed class ContentStorageTests
{
    private static readonly byte[] Old = Encoding.ASCII.GetBytes("From: a@example.com\r\nSubject: from v3\r\n\r\nstored before migration 4\r\n");
    private static readonly byte[] New = Encoding.ASCII.GetBytes("From: a@example.com\r\nSubject: shared\r\n\r\n" + new string('x', 50_000) + "\r\n");

    [Fact]
    public async Task Messages_stored_by_a_v3_database_read_the_same_bytes_after_migration()
    {
        await using var t = await TempStore.OpenAsync(V3DatabaseWithOneMessage);
        var ct = TestContext.Current.CancellationToken;

        var listed = Assert.Single(await t.Store.Mailboxes.ListAsync("dan@example.com", MailFolders.Inbox, ct));
        Assert.Equal(Old, listed.Content.ToArray());
        Assert.Equal(Old, (await t.Store.Mailboxes.GetAsync("dan@example.com", listed.Id, ct))!.Content.ToArray());
        Assert.Equal(0L, Count(t, "message_contents")); // nothing rewritten at open

        // An old row is deleted for ever like any other.
        Assert.True(await t.Store.Mailboxes.DeleteAsync("dan@example.com", listed.Id, ct));
        Assert.Empty(await t.Store.Mailboxes.ListAsync("dan@example.com", MailFolders.Inbox, ct));
    }

    [Fact]
    public async Task The_same_bytes_in_three_mailboxes_are_stored_once_and_go_with_the_last()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        foreach (var user in new[] { "ann", "ben", "cid" })
        {
            await t.Store.Directory.AddUserAsync($"{user}@example.com", "pw", ct);
        }

        var ids = new List<long>();
        foreach (var user in new[] { "ann", "ben", "cid" })
        {
            ids.Add(await t.Store.Mailboxes.AppendAsync($"{user}@example.com", MailFolders.Inbox, New, string.Empty, DateTimeOffset.UnixEpoch, ct));
        }

        Assert.Equal(1L, Count(t, "message_contents"));
        Assert.True(Scalar(t, "SELECT SUM(length(content)) FROM messages") < 1); // the rows hold no bytes themselves
        foreach (var (user, id) in new[] { "ann", "ben", "cid" }.Zip(ids))
        {
            Assert.Equal(New, (await t.Store.Mailboxes.GetAsync($"{user}@example.com", id, ct))!.Content.ToArray());
        }

        Assert.True(await t.Store.Mailboxes.DeleteAsync("ann@example.com", ids[0], ct));
        Assert.Equal(1L, Count(t, "message_contents"));
        Assert.Equal(New, (await t.Store.Mailboxes.GetAsync("ben@example.com", ids[1], ct))!.Content.ToArray());

        Assert.True(await t.Store.Directory.DeleteUserAsync("ben@example.com", ct));
        Assert.Equal(1L, Count(t, "message_contents"));
        Assert.Equal(New, (await t.Store.Mailboxes.GetAsync("cid@example.com", ids[2], ct))!.Content.ToArray());

        Assert.True(await t.Store.Mailboxes.DeleteAsync("cid@example.com", ids[2], ct));
        Assert.Equal(0L, Count(t, "message_contents"));
    }

    [Fact]
    public async Task A_replaced_draft_takes_its_bytes_with_it()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        await t.Store.Directory.AddUserAsync("ann@example.com", "pw", ct);

        var first = await t.Store.Mailboxes.SaveDraftAsync("ann@example.com", null, Old, DateTimeOffset.UnixEpoch, ct);
        var second = await t.Store.Mailboxes.SaveDraftAsync("ann@example.com", first, New, DateTimeOffset.UnixEpoch, ct);

        Assert.Equal(1L, Count(t, "message_contents"));
        Assert.Equal(New, (await t.Store.Mailboxes.GetAsync("ann@example.com", second, ct))!.Content.ToArray());
    }

    /// <summary>A database as migrations 1–3 left it, with one user and one message in the Inbox.</summary>
    private static void V3DatabaseWithOneMessage(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "kakunin.db")}");
        connection.Open();
        Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version <= 3)]);
        Execute(connection, "INSERT INTO domains (name) VALUES ('example.com')");
        Execute(connection, "INSERT INTO users (id, address, password_hash, created_at) VALUES (1, 'dan@example.com', 'x', 0)");
        Execute(connection, "INSERT INTO folders (id, user_id, name) VALUES (1, 1, 'Inbox')");
        Execute(connection, "INSERT INTO messages (folder_id, received_at, size, flags, content) VALUES (1, 0, $s, '', $c)", ("$s", Old.Length), ("$c", Old));
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static long Count(TempStore t, string table) => Scalar(t, $"SELECT COUNT(*) FROM {table}");

    private static long Scalar(TempStore t, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(t.Folder, "kakunin.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
