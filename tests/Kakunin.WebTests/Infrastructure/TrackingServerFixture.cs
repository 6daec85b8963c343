using Microsoft.Playwright;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// A server of the tracking tests' own: its smarthost is a <see cref="RemotePeer"/> (so remote recipients fail,
/// are delayed or relayed for real), and the organisation settings it holds can be changed without touching the
/// shared server the other tests use. The classes of its collection run one after another.
/// </summary>
public sealed class TrackingServerFixture : IAsyncLifetime
{
    private RemotePeer? _peer;

    public WebServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _peer = RemotePeer.Start();
        Server = await WebServer.StartWithAsync("--smarthost", $"127.0.0.1:{_peer.Port}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    public Task<(IBrowserContext Context, IPage Page)> SignedInAsync(IBrowser browser, string address, string? locale = null) =>
        Server.SignInNewAsync(browser, address, new BrowserNewContextOptions { Locale = locale });
}

[CollectionDefinition(Name)]
public sealed class TrackingServerCollection : ICollectionFixture<TrackingServerFixture>
{
    public const string Name = "tracking server";
}
