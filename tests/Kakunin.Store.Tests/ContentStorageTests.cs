using System.Text;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>
/// Migrations 4 and 8: a queued message's bytes are stored once however many mailboxes hold them, rows from before the migration
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
    public async Task One_queued_message_in_three_mailboxes_is_stored_once_and_goes_with_the_last()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var users = await UsersAsync(t, "ann", "ben", "cid");
        var recipients = QueueRows(t, queueMessageId: 1, users.Length);

        var ids = new List<long>();
        foreach (var (user, recipient) in users.Zip(recipients))
        {
            ids.Add(await DeliverAsync(t, user, New, recipient, ct));
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
    public async Task A_queue_id_used_again_after_a_purge_never_serves_the_earlier_message()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var users = await UsersAsync(t, "ann", "ben");

        // Message 7 delivered to Ann, then purged from the queue (nothing purges delivered messages today; a future
        // purge might): SQLite hands the highest id out again, so the next message can be 7 too.
        var first = await DeliverAsync(t, users[0], Old, QueueRows(t, queueMessageId: 7, 1)[0], ct);
        Execute(t, "DELETE FROM queue_recipients");
        Execute(t, "DELETE FROM queue_messages");
        var second = await DeliverAsync(t, users[1], New, QueueRows(t, queueMessageId: 7, 1, firstRecipientId: 100)[0], ct);

        Assert.Equal(Old, (await t.Store.Mailboxes.GetAsync("ann@example.com", first, ct))!.Content.ToArray());
        Assert.Equal(New, (await t.Store.Mailboxes.GetAsync("ben@example.com", second, ct))!.Content.ToArray());
        Assert.Equal(2L, Count(t, "message_contents"));
    }

    [Fact]
    public async Task Bytes_shared_under_migration_4_are_still_shared_and_readable_after_migration_8()
    {
        await using var t = await TempStore.OpenAsync(V4DatabaseWithOneSharedMessage);
        var ct = TestContext.Current.CancellationToken;

        foreach (var user in new[] { "dan", "eve" })
        {
            var listed = Assert.Single(await t.Store.Mailboxes.ListAsync($"{user}@example.com", MailFolders.Inbox, ct));
            Assert.Equal(New, listed.Content.ToArray());
        }

        Assert.Equal(1L, Count(t, "message_contents"));
        Assert.Equal(0L, Scalar(t, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
        Assert.Equal((long)SchemaVersion.Known, Scalar(t, "SELECT MAX(version) FROM schema_version"));
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
        using var connection = OldDatabase(folder, version: 3, "dan");
        Execute(connection, "INSERT INTO messages (folder_id, received_at, size, flags, content) VALUES (1, 0, $s, '', $c)", ("$s", Old.Length), ("$c", Old));
    }

    /// <summary>A database as migrations 1–4 left it: one content row, keyed by its SHA-256, in two users' Inboxes.</summary>
    private static void V4DatabaseWithOneSharedMessage(string folder)
    {
        using var connection = OldDatabase(folder, version: 4, "dan", "eve");
        Execute(connection, "INSERT INTO message_contents (id, sha256, size, content) VALUES (5, $h, $s, $c)",
            ("$h", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(New))), ("$s", New.Length), ("$c", New));
        Execute(connection, "INSERT INTO messages (folder_id, received_at, size, flags, content, content_id) VALUES (1, 0, $s, '', x'', 5), (2, 0, $s, '', x'', 5)", ("$s", New.Length));
    }

    /// <summary>A database migrated up to <paramref name="version"/>, with users 1, 2, … and each an Inbox (folder id = user id).</summary>
    private static SqliteConnection OldDatabase(string folder, int version, params string[] users)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "kakunin.db")}");
        connection.Open();
        Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version <= version)]);
        Execute(connection, "INSERT INTO domains (name) VALUES ('example.com')");
        foreach (var (user, id) in users.Select((u, i) => (u, i + 1)))
        {
            Execute(connection, $"INSERT INTO users (id, address, password_hash, created_at) VALUES ({id}, '{user}@example.com', 'x', 0)");
            Execute(connection, $"INSERT INTO folders (id, user_id, name) VALUES ({id}, {id}, 'Inbox')");
        }

        return connection;
    }

    private static async Task<long[]> UsersAsync(TempStore t, params string[] names)
    {
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        var ids = new List<long>();
        foreach (var name in names)
        {
            await t.Store.Directory.AddUserAsync($"{name}@example.com", "pw", ct);
            ids.Add(Scalar(t, $"SELECT id FROM users WHERE address = '{name}@example.com'"));
        }

        return [.. ids];
    }

    /// <summary>A queued message with that id and <paramref name="count"/> recipients, as the queue would hold it; their ids.</summary>
    private static long[] QueueRows(TempStore t, long queueMessageId, int count, long? firstRecipientId = null)
    {
        Execute(t, "INSERT INTO queue_messages (id, queue_id, reverse_path, smtputf8, sender_verified, is_report, received_at, size, state, content) " +
            $"VALUES ({queueMessageId}, 'q{queueMessageId}-' || hex(randomblob(4)), '', 0, 0, 0, 0, 0, 'open', x'')");
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var id = firstRecipientId is { } first ? (first + i).ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL";
            Execute(t, "INSERT INTO queue_recipients (id, message_id, address, state, attempts, next_attempt_at, dsn_success_sent, dsn_delay_sent, dsn_failure_sent, updated_at) " +
                $"VALUES ({id}, {queueMessageId}, 'r{i}@example.com', 'delivered', 1, 0, 0, 0, 0, 0)");
            ids.Add(Scalar(t, "SELECT MAX(id) FROM queue_recipients"));
        }

        return [.. ids];
    }

    private static Task<long> DeliverAsync(TempStore t, long userId, byte[] content, long queueRecipientId, CancellationToken ct) =>
        t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, userId, MailFolders.Inbox, content, string.Empty, DateTimeOffset.UnixEpoch, queueRecipientId), ct);

    private static void Execute(TempStore t, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(t.Folder, "kakunin.db")};Pooling=False");
        connection.Open();
        Execute(connection, sql);
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
