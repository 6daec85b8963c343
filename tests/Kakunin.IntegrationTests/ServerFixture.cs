using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>One running server shared by the tests of a class (starting one takes a few seconds).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public KakuninProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await KakuninProcess.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The messages of a folder, parsed, read from the server's own database.</summary>
    public async Task<IReadOnlyList<MimeMessage>> FolderAsync(string user, string folder)
    {
        await using var store = await Server.OpenStoreAsync();
        var stored = await store.Mailboxes.ListAsync(user, folder, CancellationToken.None);
        return stored.Select(m => MimeMessage.Load(new MemoryStream(m.Content.ToArray()))).ToList();
    }

    /// <summary>Waits for a message in the folder that <paramref name="match"/> accepts.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string user, string folder, Func<MimeMessage, bool> match, string what)
    {
        MimeMessage? found = null;
        await Server.WaitForAsync(async () => (found = (await FolderAsync(user, folder)).FirstOrDefault(match)) is not null, what);
        return found!;
    }

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";

    public const string Alice = "alice@example.test";

    public const string Bob = "bob@example.test";
}
