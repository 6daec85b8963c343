using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>A real SQLite store in a fresh temp folder, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kakunin-store-" + Guid.NewGuid().ToString("N"));

    public static StoreOptions Options { get; } = new() { PasswordIterations = 1000 };

    public KakuninStore Store { get; private set; } = null!;

    /// <param name="prepare">Runs on the empty folder before the store opens it (e.g. to lay down an older schema).</param>
    public static async Task<TempStore> OpenAsync(Action<string>? prepare = null)
    {
        var t = new TempStore();
        if (prepare is not null)
        {
            Directory.CreateDirectory(t.Folder);
            prepare(t.Folder);
            SqliteConnection.ClearAllPools();
        }

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
