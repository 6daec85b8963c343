using System.Text;
using Kakunin.Store.Integrity;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>
/// The store's integrity on a real SQLite file with real damage: quick_check finds a page overwritten with garbage;
/// the checksum of every stored message finds bytes changed in place, which quick_check cannot see.
/// </summary>
public sealed class IntegrityTests
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("Please sign the contract by Friday, ref KX-7731.");

    [Fact]
    public async Task An_intact_store_passes_the_check()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(IntegrityState.NotChecked, t.Store.Integrity.State);

        var result = await t.Store.Integrity.CheckAsync(TimeProvider.System, ct);

        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(IntegrityState.Intact, t.Store.Integrity.State);
    }

    [Fact]
    public async Task A_page_of_garbage_in_the_middle_of_the_file_fails_the_check_though_the_store_still_opens()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var user = await UserAsync(t, ct);
        for (var i = 0; i < 400; i++)
        {
            await t.Store.Mailboxes.AppendAsync(user, MailFolders.Inbox, Message($"message {i} " + new string('x', 300)), string.Empty, DateTimeOffset.UnixEpoch, ct);
        }

        await t.Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(t.Folder, "kakunin.db");
        DamagedFile.Checkpoint(path);
        var leaves = DamagedFile.LeafPages(path, "messages");
        Assert.True(leaves.Count > 4, $"only {leaves.Count} leaf pages");
        DamagedFile.OverwritePage(path, leaves[leaves.Count / 2]);

        await t.ReopenAsync(); // opening does not notice: the damage is in a page only a read of that table touches
        var result = await t.Store.Integrity.CheckAsync(TimeProvider.System, ct);

        Assert.False(result.Intact);
        Assert.Equal(IntegrityState.Damaged, t.Store.Integrity.State);
        Assert.Contains(result.Problems, p => p.Contains("page", StringComparison.OrdinalIgnoreCase) || p.Contains("malformed", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Bytes_changed_inside_a_stored_message_are_reported_and_returned_as_they_are()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var user = await UserAsync(t, ct);
        var id = await t.Store.Mailboxes.AppendAsync(user, MailFolders.Inbox, Message(Encoding.ASCII.GetString(Marker)), string.Empty, DateTimeOffset.UnixEpoch, ct);
        Assert.False((await t.Store.Mailboxes.GetAsync(user, id, ct))!.IsDamaged);

        await t.Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(t.Folder, "kakunin.db");
        DamagedFile.Checkpoint(path);
        var changed = Encoding.ASCII.GetBytes("Please sign the contract by Monday, ref KX-7731.");
        DamagedFile.ChangeInPlace(path, Marker, changed);
        await t.ReopenAsync();
        var found = new List<DamagedContent>();
        t.Store.Integrity.ContentDamaged += found.Add;

        var read = await t.Store.Mailboxes.GetAsync(user, id, ct);
        var again = await t.Store.Mailboxes.ListAsync(user, MailFolders.Inbox, ct);

        Assert.True(read!.IsDamaged);
        Assert.True(Assert.Single(again).IsDamaged);
        Assert.Contains("by Monday", Encoding.ASCII.GetString(read.Content.Span), StringComparison.Ordinal); // as stored, not repaired
        var damage = Assert.Single(found); // reported once, however often it is read
        Assert.Equal(DamagedContentSource.Mailbox, damage.Source);
        Assert.Equal(id, damage.Id);
        Assert.Contains($"message {id} of {user}", damage.Describe(), StringComparison.Ordinal);
        Assert.Single(t.Store.Integrity.DamagedContents);
        // quick_check reads structure, not values: this damage is the checksum's to find.
        Assert.True((await t.Store.Integrity.CheckAsync(TimeProvider.System, ct)).Intact);
    }

    [Fact]
    public async Task Damage_only_in_the_search_index_rebuilds_it_and_refuses_no_mail()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var user = await UserAsync(t, ct);
        var id = await t.Store.Mailboxes.AppendAsync(user, MailFolders.Inbox, Message(Encoding.ASCII.GetString(Marker)), string.Empty, DateTimeOffset.UnixEpoch, ct);
        var indexer = new Kakunin.Store.Search.SearchIndexer(t.Store, Microsoft.Extensions.Logging.Abstractions.NullLogger<Kakunin.Store.Search.SearchIndexer>.Instance);
        while (await indexer.IndexBatchAsync(ct) > 0)
        {
        }

        // The index's own copy of the body changed, as a failing disk would change it; the message itself is intact.
        Sql(t, "UPDATE message_search_content SET c2 = replace(c2, 'Friday', 'Monday')");

        var result = await t.Store.Integrity.CheckAsync(TimeProvider.System, ct);

        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(IntegrityState.Intact, t.Store.Integrity.State); // so no 451 4.3.2 for new mail
        Assert.Contains("search index was damaged (fts5: checksum mismatch", result.Repaired, StringComparison.Ordinal);
        Assert.Contains("being rebuilt", result.Describe(), StringComparison.Ordinal);
        Assert.Equal(0L, Scalar(t, "SELECT indexed_through FROM message_search_state"));
        Assert.Equal(0L, Scalar(t, "SELECT count(*) FROM message_search"));

        // The backfill puts the message back, from its own (intact) bytes.
        while (await indexer.IndexBatchAsync(ct) > 0)
        {
        }

        var found = await new Kakunin.Store.Search.MessageSearch(t.Store).SearchAsync(user, "Friday", 10, ct);
        Assert.Equal(id, Assert.Single(found).Id);
        Assert.Null((await t.Store.Integrity.CheckAsync(TimeProvider.System, ct)).Repaired);
    }

    [Fact]
    public async Task A_damaged_queued_message_is_neither_handed_out_nor_retried_and_stays_listed()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var queued = await t.Store.Queue.EnqueueAsync(
            new NewQueueMessage("Q-DAMAGED", "alice@example.com", [new NewQueueRecipient("bob@example.net")], Message(Encoding.ASCII.GetString(Marker)), DateTimeOffset.UnixEpoch),
            ct);
        Assert.Single(await t.Store.Queue.GetDueAsync(DateTimeOffset.UnixEpoch.AddDays(1), 10, ct));
        Sql(t, "UPDATE queue_messages SET content = CAST(replace(CAST(content AS TEXT), 'Friday', 'Monday') AS BLOB)");

        var thrown = await Assert.ThrowsAsync<DamagedContentException>(() => t.Store.Queue.GetContentAsync(queued.MessageId, ct));
        Assert.Contains("queued message Q-DAMAGED is damaged", thrown.Message, StringComparison.Ordinal);
        await WaitAsync(async () => (await t.Store.Queue.ListMessagesAsync(ct)).Single().State == "damaged");

        Assert.Empty(await t.Store.Queue.GetDueAsync(DateTimeOffset.UnixEpoch.AddDays(1), 10, ct));
        var listed = Assert.Single(await t.Store.Queue.ListAsync(includeDone: false, ct));
        Assert.Equal("Q-DAMAGED", listed.Message.QueueId);
        Assert.Throws<DamagedContentException>(() => Write(t, tx => QueueRepository.GetContent(tx, queued.MessageId)));
    }

    [Fact]
    public async Task A_finished_message_keeps_a_checksum_of_the_headers_it_keeps()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var queued = await t.Store.Queue.EnqueueAsync(
            new NewQueueMessage("Q-DONE", "alice@example.com", [new NewQueueRecipient("bob@example.net")], Message("body"), DateTimeOffset.UnixEpoch), ct);
        await t.Store.Writer.WriteAsync(tx =>
        {
            tx.Execute("UPDATE queue_recipients SET state = 'delivered'");
            QueueRepository.CompleteIfFinished(tx, queued.MessageId);
        }, ct);

        var headers = await t.Store.Queue.GetContentAsync(queued.MessageId, ct);

        Assert.EndsWith("\r\n\r\n", Encoding.ASCII.GetString(headers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_stored_before_the_checksum_get_one_at_migration()
    {
        var old = Message(Encoding.ASCII.GetString(Marker));
        await using var t = await TempStore.OpenAsync(folder =>
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "kakunin.db")};Pooling=False");
            connection.Open();
            Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version <= 8)]);
            Run(connection, "INSERT INTO domains (name) VALUES ('example.com')");
            Run(connection, "INSERT INTO users (id, address, password_hash, created_at) VALUES (1, 'ann@example.com', 'x', 0)");
            Run(connection, "INSERT INTO folders (id, user_id, name) VALUES (1, 1, 'Inbox')");
            // A row from before migration 4 (bytes in messages.content) and a queued message.
            Run(connection, "INSERT INTO messages (id, folder_id, received_at, size, flags, content) VALUES (1, 1, 0, 0, '', $c)", old);
            Run(connection, "INSERT INTO queue_messages (id, queue_id, reverse_path, smtputf8, sender_verified, is_report, received_at, size, state, content) VALUES (1, 'Q-OLD', '', 0, 0, 0, 0, 0, 'active', $c)", old);
        });
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(ContentChecksum.Of(old), ScalarText(t, "SELECT sha256 FROM messages WHERE id = 1"));
        Assert.Equal(ContentChecksum.Of(old), ScalarText(t, "SELECT sha256 FROM queue_messages WHERE id = 1"));
        Assert.False((await t.Store.Mailboxes.GetAsync("ann@example.com", 1, ct))!.IsDamaged);

        Sql(t, "UPDATE messages SET content = CAST(replace(CAST(content AS TEXT), 'Friday', 'Monday') AS BLOB) WHERE id = 1");

        Assert.True((await t.Store.Mailboxes.GetAsync("ann@example.com", 1, ct))!.IsDamaged);
    }

    private static byte[] Message(string body) =>
        Encoding.ASCII.GetBytes($"From: alice@example.com\r\nTo: ann@example.com\r\nSubject: Contract\r\n\r\n{body}\r\n");

    private static async Task<string> UserAsync(TempStore t, CancellationToken ct)
    {
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        await t.Store.Directory.AddUserAsync("ann@example.com", "pw", ct);
        return "ann@example.com";
    }

    private static void Write(TempStore t, Action<StoreTransaction> work)
    {
        try
        {
            t.Store.Writer.WriteAsync(work, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }

    private static void Sql(TempStore t, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(t.Folder, "kakunin.db")};Pooling=False");
        connection.Open();
        Run(connection, sql);
    }

    private static string? ScalarText(TempStore t, string sql) => ScalarValue(t, sql) as string;

    private static long Scalar(TempStore t, string sql) => Convert.ToInt64(ScalarValue(t, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static object? ScalarValue(TempStore t, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(t.Folder, "kakunin.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Run(SqliteConnection connection, string sql, byte[]? content = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (content is not null)
        {
            command.Parameters.AddWithValue("$c", content);
        }

        command.ExecuteNonQuery();
    }
}
