using System.Collections.Concurrent;
using Kakunin.Store;
using Kakunin.Tests.Shared.Testing;
using Kakunin.Webhooks.Dispatch;

namespace Kakunin.Webhooks.Tests.Nodes;

/// <summary>
/// One "node" of a test: its own store (data folder, connections, writer, LISTEN connection) on a shared PostgreSQL
/// database and its own <see cref="WebhookDispatcher"/>, as one <c>kakunin serve</c> process has them. The real clock:
/// leases are measured on the database's clock, which a fake one could not move.
/// </summary>
internal sealed class DispatcherNode : IAsyncDisposable
{
    private bool _started;

    private DispatcherNode(string folder, KakuninStore store, WebhookOptions options)
    {
        Folder = folder;
        Store = store;
        Dispatcher = new WebhookDispatcher(store, options, TimeProvider.System, new ListLogger<WebhookDispatcher>(Log));
    }

    public string Folder { get; }

    public KakuninStore Store { get; }

    public WebhookDispatcher Dispatcher { get; }

    /// <summary>What the dispatcher logged, as formatted lines.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>
    /// Options for a node of these tests: loopback targets allowed (the receiver), a short poll, and by default a lease
    /// renewed so rarely that it never is: a node whose attempt hangs then behaves as one that stopped.
    /// </summary>
    public static WebhookOptions Options(string name, TimeSpan lease, TimeSpan? renewal = null, TimeSpan? timeout = null) => new()
    {
        NodeName = name,
        AllowPrivateTargets = true,
        PollInterval = TimeSpan.FromMilliseconds(200),
        LeaseDuration = lease,
        LeaseRenewal = renewal ?? TimeSpan.FromHours(1),
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    };

    public static async Task<DispatcherNode> OpenAsync(string connectionString, WebhookOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-webhook-node-" + Guid.NewGuid().ToString("N"));
        var store = await KakuninStore.OpenAsync(folder, new StoreOptions { PasswordIterations = 1000, ConnectionString = connectionString }, TestContext.Current.CancellationToken);
        await store.ChangesListening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return new DispatcherNode(folder, store, options);
    }

    public async Task StartAsync()
    {
        _started = true;
        await Dispatcher.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Dispatcher.StopAsync(CancellationToken.None);
        }

        Dispatcher.Dispose();
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
