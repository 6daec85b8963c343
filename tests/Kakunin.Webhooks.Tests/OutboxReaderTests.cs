using Kakunin.Tracking;
using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Dispatch;
using Microsoft.Data.Sqlite;

namespace Kakunin.Webhooks.Tests;

/// <summary>
/// The dispatcher's reader keeps its statements and runs them again with new values (docs/benchmarks.md §13, run M):
/// each run must see its own endpoint, its own event and what was committed since the last run.
/// </summary>
public sealed class OutboxReaderTests
{
    private const string Alice = "alice@example.com";
    // After every delivery these tests make is due: the outbox trigger stamps next_attempt_at with the database's own
    // clock (WebhookSchema), so a fixed date stops being "later" once the real clock passes it (it did, on 2026-12-07 21:00).
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(1);

    [Fact]
    public async Task One_reader_run_again_sees_each_endpoints_own_deliveries_each_events_own_payload_and_later_commits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var t = await OutboxStore.OpenAsync();
        var first = await t.AddEndpointAsync(Alice);
        var second = await t.AddEndpointAsync(Alice, TrackingEventType.Delivered);
        var carol = await t.SendAsync(Alice, "carol@remote.test");
        await using var connection = await t.Store.OpenReadConnectionAsync(ct);
        await using var reader = new OutboxReader(connection);

        var queued = Assert.Single(await reader.DueAsync(Later, 4, new Dictionary<long, long>(), ct));
        Assert.Equal(first.Id, queued.EndpointId);

        await t.RecordAsync(carol, TrackingState.Delivered); // committed after the reader's statements ran once
        var due = await reader.DueAsync(Later, 4, new Dictionary<long, long>(), ct);
        Assert.Equal([(first.Id, queued.EventId), (first.Id, queued.EventId + 1), (second.Id, queued.EventId + 1)], due.Select(d => (d.EndpointId, d.EventId)).Order());
        Assert.Equal(["message.delivered", "message.queued"], [(await reader.PayloadAsync(queued.EventId + 1, ct))!.Type, (await reader.PayloadAsync(queued.EventId, ct))!.Type]);

        // In flight at its endpoint's limit: that endpoint is not read, the other still is.
        var onlySecond = await reader.DueAsync(Later, 1, new Dictionary<long, long> { [queued.Id] = first.Id }, ct);
        Assert.Equal(second.Id, Assert.Single(onlySecond).EndpointId);

        var sent = due.First(d => d.EndpointId == second.Id);
        Assert.True(await reader.StillDueAsync(sent, ct));
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(t.Folder, "kakunin.db")}"))
        {
            await other.OpenAsync(ct);
            await using var update = other.CreateCommand();
            update.CommandText = "UPDATE webhook_deliveries SET state = 'delivered', attempts = 1 WHERE id = @id";
            update.Parameters.AddWithValue("@id", sent.Id);
            await update.ExecuteNonQueryAsync(ct); // its result committed after the due list was read
        }

        Assert.False(await reader.StillDueAsync(sent, ct));
        Assert.True(await reader.StillDueAsync(queued, ct));
    }
}
