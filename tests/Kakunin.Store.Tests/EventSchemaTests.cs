using Microsoft.Data.Sqlite;
using static Kakunin.Store.Tests.Imap.ImapStoreData;

namespace Kakunin.Store.Tests;

/// <summary>
/// Migration 14 (docs/tracking.md, "Unmatched reports"): tracking_events rebuilt with an owner on every event and room
/// for events without a tracked recipient, losing no event, no id and no webhook delivery.
/// </summary>
public sealed class EventSchemaTests
{
    [Fact]
    public async Task An_older_database_keeps_every_event_id_and_delivery_and_the_next_event_still_reaches_the_outbox()
    {
        await using var t = await TempStore.OpenAsync(folder =>
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "kakunin.db")}");
            connection.Open();
            Migrator.Apply(connection, [.. Migrations.All.Where(m => m.Version < 14)]);
            Run(connection, "PRAGMA foreign_keys=ON");
            Run(connection, "INSERT INTO queue_messages (id, queue_id, reverse_path, smtputf8, sender_verified, is_report, received_at, size, state, content) VALUES (1, 'Q1', 'alice@example.com', 0, 1, 0, 0, 1, 'done', x'78')");
            Run(connection, "INSERT INTO tracking_messages (id, queue_message_id, sender_user, submitted_at) VALUES (1, 1, 'alice@example.com', 0)");
            Run(connection, "INSERT INTO tracking_recipients (id, tracking_message_id, address, state, state_at, sender_user) VALUES (7, 1, 'carol@remote.test', 'failed', 0, 'alice@example.com')");
            Run(connection, "INSERT INTO webhook_endpoints (id, user_address, url, event_types, secret, enabled, created_at) VALUES (1, 'alice@example.com', 'https://hooks.example.net/', ' queued failed denied ', 'whsec_x', 1, 0)");
            // Ids with a gap, as after a rolled-back write: they must be kept, not renumbered.
            Run(connection, "INSERT INTO tracking_events (id, tracking_recipient_id, state, at) VALUES (3, 7, 'queued', 0), (9, 7, 'failed', 1)");
        });

        Assert.Equal([[3, 7], [9, 7]], (await RowsAsync(t, "SELECT id, tracking_recipient_id FROM tracking_events ORDER BY id")).Select(r => r.ToList()).ToList());
        Assert.Equal(2, await ScalarAsync(t, "SELECT COUNT(*) FROM tracking_events WHERE sender_user = 'alice@example.com'"));
        Assert.Equal([[1, 3], [1, 9]], (await RowsAsync(t, "SELECT endpoint_id, event_id FROM webhook_deliveries ORDER BY event_id")).Select(r => r.ToList()).ToList());

        // After the upgrade: the trigger of migration 14 gives the next event (a "denied" receipt) its delivery.
        await t.Store.Writer.WriteAsync(
            tx => tx.Execute("INSERT INTO tracking_events (tracking_recipient_id, sender_user, state, at) VALUES (7, 'alice@example.com', 'mdn-denied', 2)"),
            TestContext.Current.CancellationToken);
        Assert.Equal([[10, 1]], (await RowsAsync(t, "SELECT event_id, endpoint_id FROM webhook_deliveries WHERE event_id > 9")).Select(r => r.ToList()).ToList());
        Assert.Equal(0, await ScalarAsync(t, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
