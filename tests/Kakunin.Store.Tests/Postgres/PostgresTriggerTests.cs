using System.Data.Common;
using Kakunin.Store.Postgres;
using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// The plpgsql triggers do what SQLite's do: the same statements run on both stores give the same IMAP numbers
/// (checked by hand against RFC 7162 below, and against SQLite), the same webhook outbox rows, and on PostgreSQL
/// the change notices arrive at commit and UIDs stay unique when two connections deliver into one folder at once.
/// </summary>
public sealed class PostgresTriggerTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly byte[] Bytes = "Subject: x\r\n\r\nx\r\n"u8.ToArray();

    // Written with @ parameters, which both providers take.
    private static readonly string[] MailboxSteps =
    [
        "INSERT INTO users (address, password_hash, created_at) VALUES ('a@example.org', 'x', 0)",
        "INSERT INTO folders (user_id, name) VALUES (1, 'INBOX')",
        "INSERT INTO folders (user_id, name) VALUES (1, 'Archive')",
        "INSERT INTO messages (folder_id, received_at, size, flags, content) VALUES (1, 0, 1, '', @c)",
        "INSERT INTO messages (folder_id, received_at, size, flags, content) VALUES (1, 0, 1, '', @c)",
        "INSERT INTO messages (folder_id, received_at, size, flags, content) VALUES (1, 0, 1, '', @c)",
        "UPDATE messages SET flags = '\\Seen' WHERE id = 1",
        // SQLite's move sets uid NULL in the same statement (Imap.ImapSchema); PostgreSQL's trigger numbers it anyway.
        "UPDATE messages SET folder_id = 2, uid = NULL WHERE id = 2",
        "DELETE FROM messages WHERE id = 3",
    ];

    private static readonly string[] WebhookSteps =
    [
        "INSERT INTO queue_messages (queue_id, reverse_path, smtputf8, sender_verified, is_report, received_at, size, state, content) " +
            "VALUES ('q1', 'a@example.org', 0, 1, 0, 0, 1, 'queued', @c)",
        "INSERT INTO tracking_messages (queue_message_id, sender_user, submitted_at) VALUES (1, 'a@example.org', 0)",
        "INSERT INTO tracking_recipients (tracking_message_id, address, state, state_at, sender_user) VALUES (1, 'b@example.net', 'queued', 0, 'a@example.org')",
        "INSERT INTO webhook_endpoints (user_address, url, event_types, secret, enabled, created_at) VALUES ('a@example.org', 'https://h.example/', ' delivered failed unmatched-report ', 's', 1, 0)",
        "INSERT INTO webhook_endpoints (user_address, url, event_types, secret, enabled, created_at) VALUES ('a@example.org', 'https://off.example/', ' delivered ', 's', 0, 0)",
        "INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at) VALUES (1, 'a@example.org', 'delivered', 0)",
        "INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at) VALUES (1, 'a@example.org', 'queued', 0)",
        "INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at) VALUES (1, 'a@example.org', 'deferred', 0)",
        "INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at) VALUES (1, 'a@example.org', 'failed', 0)",
        // A report that matched nothing we sent (migration 14): an event with no recipient, owned by its addressee.
        "INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at) VALUES (NULL, 'a@example.org', 'unmatched-report', 0)",
    ];

    private const string MessagesQuery = "SELECT id, folder_id, uid, modseq, seen FROM messages ORDER BY id";
    private const string FoldersQuery = "SELECT id, uid_next, highest_modseq FROM folders ORDER BY id";
    private const string ExpungedQuery = "SELECT folder_id, uid, modseq FROM expunged ORDER BY folder_id, uid";
    private const string DeliveriesQuery = "SELECT endpoint_id, event_id, attempts FROM webhook_deliveries ORDER BY event_id";

    [Fact]
    public async Task IMAP_numbers_and_webhook_deliveries_come_out_the_same_as_on_SQLite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TempStore.OpenAsync();
        await using var lite = await store.Store.OpenReadConnectionAsync(ct);
        await using var pg = await InstalledConnectionAsync("trigger_parity", ct);

        var results = new List<string>[2][];
        var index = 0;
        foreach (DbConnection connection in new DbConnection[] { lite, pg })
        {
            foreach (var step in MailboxSteps.Concat(WebhookSteps))
            {
                await ExecuteAsync(connection, step, ct);
            }

            results[index++] =
            [
                await RowsAsync(connection, MessagesQuery, ct),
                await RowsAsync(connection, FoldersQuery, ct),
                await RowsAsync(connection, ExpungedQuery, ct),
                await RowsAsync(connection, DeliveriesQuery, ct),
            ];
        }

        // By hand (RFC 7162 §3.1: an empty folder's HIGHESTMODSEQ is 1, each change one more; RFC 9051 §2.3.1.1 UIDs
        // ascend per folder): three arrivals in INBOX take UIDs 1–3 at MODSEQ 2–4; \Seen on the first: MODSEQ 5;
        // the second moves to Archive (expunged from INBOX at 6, UID 1 there at 2); the third is deleted (expunged at 7).
        Assert.Equal(["1|1|1|5|1", "2|2|1|2|0"], results[1][0]);
        Assert.Equal(["1|4|7", "2|2|2"], results[1][1]);
        Assert.Equal(["1|2|6", "1|3|7"], results[1][2]);
        // The enabled endpoint subscribed to delivered, failed and unmatched-report: events 1, 4 and 5; the disabled one nothing.
        Assert.Equal(["1|1|0", "1|4|0", "1|5|0"], results[1][3]);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(results[0][i], results[1][i]);
        }
    }

    [Fact]
    public async Task Change_notices_reach_a_listener_only_when_the_transaction_commits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = await InstalledConnectionAsync("trigger_notify", ct);
        var received = new List<string>();
        listener.Notification += (_, e) => received.Add(e.Payload);
        await ExecuteAsync(listener, "LISTEN " + PostgresSchema.ChangesChannel, ct);

        await using var writer = new NpgsqlConnection(listener.ConnectionString);
        await writer.OpenAsync(ct);
        await using (var transaction = await writer.BeginTransactionAsync(ct))
        {
            await ExecuteAsync(writer, MailboxSteps[0], ct);
            await ExecuteAsync(writer, MailboxSteps[1], ct);
            await ExecuteAsync(writer, MailboxSteps[3], ct);
            await ExecuteAsync(writer, MailboxSteps[3], ct);
            Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300), ct), "nothing is announced before the commit");
            await transaction.CommitAsync(ct);
        }

        while (await listener.WaitAsync(TimeSpan.FromSeconds(2), ct) && received.Count < 2)
        {
        }

        // The folder list of user 1 changed, and folder 1 of user 1; two arrivals in one commit are one notice.
        Assert.Equal(["1:", "1:1"], received);
    }

    [Fact]
    public async Task Two_connections_delivering_into_one_folder_at_once_get_consecutive_UIDs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await InstalledConnectionAsync("trigger_concurrent", ct);
        await ExecuteAsync(first, MailboxSteps[0], ct);
        await ExecuteAsync(first, MailboxSteps[1], ct);
        await using var second = new NpgsqlConnection(first.ConnectionString);
        await second.OpenAsync(ct);

        // SQLite's hot path (MailboxRepository.Append) takes the UID from the folder row in its own INSERT; both
        // connections read uid_next = 1 here. The trigger numbers from the row it locks, so the second waits and gets 2.
        const string hotPath = "INSERT INTO messages (folder_id, received_at, size, flags, content, uid, modseq) " +
            "SELECT 1, 0, 1, '', @c, uid_next, highest_modseq + 1 FROM folders WHERE id = 1 RETURNING uid";
        await using var firstTransaction = await first.BeginTransactionAsync(ct);
        var firstUid = await ScalarAsync(first, hotPath, ct);
        await using var secondTransaction = await second.BeginTransactionAsync(ct);
        var secondUid = ScalarAsync(second, hotPath, ct);
        await Task.Delay(300, ct);
        Assert.False(secondUid.IsCompleted, "the second delivery waits for the folder row");
        await firstTransaction.CommitAsync(ct);
        Assert.Equal(1L, firstUid);
        Assert.Equal(2L, await secondUid);
        await secondTransaction.CommitAsync(ct);
    }

    private async Task<NpgsqlConnection> InstalledConnectionAsync(string name, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(await fixture.Cluster.CreateDatabaseAsync(name, ct));
        await connection.OpenAsync(ct);
        await PostgresSchemaInstaller.InstallOrUpgradeAsync(connection, DateTimeOffset.UtcNow, ct);
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (sql.Contains("@c", StringComparison.Ordinal))
        {
            var content = command.CreateParameter();
            content.ParameterName = "@c";
            content.Value = Bytes;
            command.Parameters.Add(content);
        }

        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql);
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
