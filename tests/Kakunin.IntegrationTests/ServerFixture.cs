using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>One running server shared by the tests of a class (starting one takes a few seconds).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public KakuninProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await KakuninProcess.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The messages of a folder, parsed, read from the server's own database.</summary>
    public Task<IReadOnlyList<MimeMessage>> FolderAsync(string user, string folder) => Server.FolderAsync(user, folder);

    /// <summary>Waits for a message in the folder that <paramref name="match"/> accepts.</summary>
    public Task<MimeMessage> WaitForMessageAsync(string user, string folder, Func<MimeMessage, bool> match, string what) =>
        Server.WaitForMessageAsync(user, folder, match, what);

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";

    public const string Alice = "alice@example.test";

    public const string Bob = "bob@example.test";
}
