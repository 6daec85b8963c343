namespace Kakunin.Store.Tests.Postgres;

/// <summary>Two stores on one fresh database of the private cluster: two nodes, each with its writer and its LISTEN connection.</summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private readonly string[] _folders;

    private TwoNodes(string connectionString, KakuninStore a, KakuninStore b, string[] folders) => (ConnectionString, A, B, _folders) = (connectionString, a, b, folders);

    public string ConnectionString { get; }

    public KakuninStore A { get; }

    public KakuninStore B { get; }

    public static async Task<TwoNodes> OpenAsync(PostgresCluster cluster, CancellationToken cancellationToken)
    {
        var connectionString = await cluster.CreateDatabaseAsync("t" + Guid.NewGuid().ToString("N"), cancellationToken);
        var folders = new[] { NewFolder(), NewFolder() };
        var options = TempStore.Options with { ConnectionString = connectionString };
        var a = await KakuninStore.OpenAsync(folders[0], options, cancellationToken);
        var b = await KakuninStore.OpenAsync(folders[1], options, cancellationToken);
        await Task.WhenAll(a.ChangesListening, b.ChangesListening).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return new TwoNodes(connectionString, a, b, folders);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "kakunin-node-" + Guid.NewGuid().ToString("N"));
}
