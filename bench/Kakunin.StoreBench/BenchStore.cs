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

    /// <summary>Appends messages 0 to <paramref name="count"/> - 1 to the user's folder, <paramref name="perTransaction"/> to a transaction, through the delivery path's SQL.</summary>
    public async Task AppendAsync(string folder, int count, int perTransaction, Func<int, ReadOnlyMemory<byte>> content, Func<int, string> flags, CancellationToken cancellationToken)
    {
        for (var first = 0; first < count; first += perTransaction)
        {
            var start = first;
            await Store.Writer.WriteAsync(tx =>
            {
                for (var i = start; i < Math.Min(start + perTransaction, count); i++)
                {
                    MailboxRepository.Append(tx, UserId, folder, content(i), flags(i), DateTimeOffset.UnixEpoch);
                }
            }, cancellationToken);
        }
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
