using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>A real SQLite store in a fresh temp folder, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kakunin-store-" + Guid.NewGuid().ToString("N"));

    public static StoreOptions Options { get; } = new() { PasswordIterations = 1000 };

    public KakuninStore Store { get; private set; } = null!;

    public static async Task<TempStore> OpenAsync()
    {
        var t = new TempStore();
        t.Store = await KakuninStore.OpenAsync(t.Folder, Options, TestContext.Current.CancellationToken);
        return t;
    }

    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Store = await KakuninStore.OpenAsync(Folder, Options, TestContext.Current.CancellationToken);
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
