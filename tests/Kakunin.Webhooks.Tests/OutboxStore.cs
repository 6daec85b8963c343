using Kakunin.Store;
using Kakunin.Tracking;
using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Outbox;
using Microsoft.Data.Sqlite;

namespace Kakunin.Webhooks.Tests;

/// <summary>A real SQLite store in a temp folder with users alice and bob, messages sent as submission sends them, and the outbox read back.</summary>
internal sealed class OutboxStore : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    private int _queueIds;

    private OutboxStore(string folder, KakuninStore store)
    {
        Folder = folder;
        Store = store;
        Endpoints = new WebhookEndpoints(store, TimeProvider.System);
        Deliveries = new WebhookDeliveries(store, TimeProvider.System);
    }

    public string Folder { get; }

    public KakuninStore Store { get; }

    public WebhookEndpoints Endpoints { get; }

    public WebhookDeliveries Deliveries { get; }

    public static async Task<OutboxStore> OpenAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-webhooks-" + Guid.NewGuid().ToString("N"));
        var store = await KakuninStore.OpenAsync(folder, new StoreOptions { PasswordIterations = 1000 }, TestContext.Current.CancellationToken);
        await store.Directory.AddDomainAsync("example.com", default);
        await store.Directory.AddUserAsync("alice@example.com", "pw", default);
        await store.Directory.AddUserAsync("bob@example.com", "pw", default);
        return new OutboxStore(folder, store);
    }

    public Task<WebhookEndpoint> AddEndpointAsync(string user, params TrackingEventType[] types) =>
        Endpoints.AddAsync(user, new Uri("https://hooks.example.net/" + user), types.Length == 0 ? TrackingEventTypes.All.ToArray() : types, TestContext.Current.CancellationToken);

    /// <summary>Queues and tracks a message as submission does; returns the tracked recipient's id.</summary>
    public Task<long> SendAsync(string sender, string recipient)
    {
        var queueId = "Q" + Interlocked.Increment(ref _queueIds);
        var message = new NewQueueMessage(queueId, sender, [new NewQueueRecipient(recipient, null, null, null)], "Subject: x\r\n\r\nx\r\n"u8.ToArray(), T0, null, AuthenticatedUser: sender, SenderVerified: true);
        return Store.Writer.WriteAsync(tx =>
        {
            var q = QueueRepository.Insert(tx, message);
            var tracking = TrackingRepository.Create(tx, q.MessageId, sender, "<m@example.com>", "Contract", T0, q.RecipientIds.Zip([recipient]));
            return tx.ScalarInt64("SELECT id FROM tracking_recipients WHERE tracking_message_id = $t", ("$t", tracking))!.Value;
        }, TestContext.Current.CancellationToken);
    }

    public Task RecordAsync(long recipientId, TrackingState state) =>
        Store.Writer.WriteAsync(tx => TrackingRepository.Record(tx, recipientId, new TrackingUpdate(state, T0.AddMinutes(1))), TestContext.Current.CancellationToken);

    /// <summary>Every delivery row: (endpoint, the event's state word).</summary>
    public async Task<List<(long Endpoint, string State)>> OutboxAsync()
    {
        await using var connection = await Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT d.endpoint_id, e.state FROM webhook_deliveries d JOIN tracking_events e ON e.id = d.event_id ORDER BY d.id";
        await using var r = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var list = new List<(long, string)>();
        while (await r.ReadAsync(TestContext.Current.CancellationToken))
        {
            list.Add((r.GetInt64(0), r.GetString(1)));
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
