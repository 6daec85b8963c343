using Kakunin.Store;
using Kakunin.Store.Tests.Postgres;
using MimeKit;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// A real <c>kakunin serve</c> whose store is a fresh database of a private PostgreSQL cluster
/// (<c>KAKUNIN__STORE__CONNECTIONSTRING</c>, as an operator sets <c>Kakunin:Store:ConnectionString</c>); the test
/// reads and writes that database as another node would.
/// </summary>
internal sealed class PostgresNode : IAsyncDisposable
{
    private PostgresNode(KakuninProcess server, string connectionString, string folder)
    {
        Server = server;
        ConnectionString = connectionString;
        _folder = folder;
    }

    private readonly string _folder; // the test's own data folder for the store it opens (logs, temp files: none written)

    public KakuninProcess Server { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresNode> StartAsync(PostgresCluster cluster, IReadOnlyList<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null, bool imap = false)
    {
        var connectionString = await cluster.CreateDatabaseAsync("n" + Guid.NewGuid().ToString("N"));
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["KAKUNIN__STORE__CONNECTIONSTRING"] = connectionString,
        };
        var server = await KakuninProcess.StartAsync(extraArgs: extraArgs, environment: variables, imap: imap);
        return new PostgresNode(server, connectionString, Directory.CreateTempSubdirectory("kakunin-pg-reader-").FullName);
    }

    /// <summary>The same database, opened by the test: a second writer, as a second node or the CLI would be.</summary>
    public Task<KakuninStore> OpenStoreAsync() => KakuninStore.OpenAsync(_folder, new StoreOptions { ConnectionString = ConnectionString });

    public async Task<IReadOnlyList<MimeMessage>> FolderAsync(string user, string folder)
    {
        await using var store = await OpenStoreAsync();
        var stored = await store.Mailboxes.ListAsync(user, folder, CancellationToken.None);
        return stored.Select(m => MimeMessage.Load(new MemoryStream(m.Content.ToArray()))).ToList();
    }

    public async Task<MimeMessage> WaitForMessageAsync(string user, string folder, Func<MimeMessage, bool> match, string what, int seconds = 60)
    {
        MimeMessage? found = null;
        await Server.WaitForAsync(async () => (found = (await FolderAsync(user, folder)).FirstOrDefault(match)) is not null, what, seconds);
        return found!;
    }

    public Task WaitForEmptyQueueAsync(int seconds = 60) => Server.WaitForAsync(async () =>
    {
        await using var store = await OpenStoreAsync();
        return await store.Queue.CountOpenRecipientsAsync(CancellationToken.None) == 0;
    }, "an empty queue", seconds);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
