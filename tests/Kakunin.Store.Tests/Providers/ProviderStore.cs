using Kakunin.Store.Tests.Postgres;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests.Providers;

/// <summary>
/// A store on either database, for tests that run the same repository calls on both (docs/postgresql.md): SQLite in
/// a temp folder, or PostgreSQL in a fresh database of the private cluster, opened through
/// <see cref="StoreOptions.ConnectionString"/> as a node would.
/// </summary>
internal sealed class ProviderStore : IAsyncDisposable
{
    public const string Sqlite = "SQLite";

    public const string Postgres = "PostgreSQL";

    private ProviderStore(string folder, KakuninStore store) => (Folder, Store) = (folder, store);

    public string Folder { get; }

    public KakuninStore Store { get; }

    public static async Task<ProviderStore> OpenAsync(string provider, PostgresCluster cluster, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-provider-" + Guid.NewGuid().ToString("N"));
        var options = TempStore.Options;
        if (provider == Postgres)
        {
            options = options with { ConnectionString = await cluster.CreateDatabaseAsync("t" + Guid.NewGuid().ToString("N"), cancellationToken) };
        }

        return new ProviderStore(folder, await KakuninStore.OpenAsync(folder, options, cancellationToken));
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
