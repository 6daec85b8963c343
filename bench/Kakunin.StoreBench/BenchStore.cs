using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.StoreBench;

/// <summary>A fresh store in a new temp folder with one user (bob@example.com), deleted when disposed.</summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private BenchStore(string folder, KakuninStore store, long userId)
    {
        Folder = folder;
        Store = store;
        UserId = userId;
    }

    public string Folder { get; }

    public KakuninStore Store { get; }

    public long UserId { get; }

    public static async Task<BenchStore> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kakunin-storebench-" + Guid.NewGuid().ToString("N"));
        // Few password iterations: the one user's password is not what is measured.
        var store = await KakuninStore.OpenAsync(folder, new StoreOptions { PasswordIterations = 1000 }, cancellationToken);
        await store.Directory.AddDomainAsync("example.com", cancellationToken);
        var userId = await store.Directory.AddUserAsync("bob@example.com", "pw", cancellationToken);
        return new BenchStore(folder, store, userId);
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
