using System.Collections.Concurrent;
using System.Text;
using Kakunin.Store;
using Kakunin.Tests.Shared.Testing;

namespace Kakunin.Queue.Tests.Leases;

/// <summary>
/// One "node" of a test: its own store (data folder and connections) on a shared PostgreSQL database, its own
/// transport and its own runner, as one `kakunin serve` process would have them. Times are the real clock: leases are
/// measured on the database's clock, so a fake one could not move them.
/// </summary>
internal sealed class PostgresNode : IAsyncDisposable
{
    private PostgresNode(string folder, KakuninStore store, QueueOptions options)
    {
        Folder = folder;
        Store = store;
        Options = options;
        Runner = new QueueRunner(store, Transport, options, TimeProvider.System, new QueueMetrics(), new ListLogger<QueueRunner>(Log));
    }

    public string Folder { get; }

    public KakuninStore Store { get; }

    public QueueOptions Options { get; }

    public FakeTransport Transport { get; } = new();

    public QueueRunner Runner { get; }

    /// <summary>What the runner logged, as formatted lines.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public static async Task<PostgresNode> OpenAsync(string connectionString, QueueOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-node-" + Guid.NewGuid().ToString("N"));
        var store = await KakuninStore.OpenAsync(folder, new StoreOptions { PasswordIterations = 1000, ConnectionString = connectionString });
        return new PostgresNode(folder, store, options);
    }

    /// <summary>A local domain with the sender in it (so DSNs come back into her Inbox) and a message to each of <paramref name="recipients"/>.</summary>
    public static async Task<IReadOnlyList<QueuedMessage>> SeedAsync(KakuninStore store, params string[] recipients)
    {
        await store.Directory.AddDomainAsync("example.test", default);
        await store.Directory.AddUserAsync("alice@example.test", "alice-pw", default);
        var queued = new List<QueuedMessage>();
        foreach (var (to, i) in recipients.Select((r, i) => (r, i)))
        {
            var content = Encoding.ASCII.GetBytes($"From: alice@example.test\r\nTo: {to}\r\nSubject: m{i}\r\nMessage-ID: <m{i}@example.test>\r\n\r\nHello.\r\n");
            queued.Add(await store.Queue.EnqueueAsync(new NewQueueMessage($"Q{i:D4}", "alice@example.test", [new(to)], content, DateTimeOffset.UtcNow.AddSeconds(-1), MayBeReport: false), default));
        }

        return queued;
    }

    public Task<int> RunOnceAsync() => Runner.RunOnceAsync(DateTimeOffset.UtcNow, default);

    public async ValueTask DisposeAsync()
    {
        Runner.Dispose();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
