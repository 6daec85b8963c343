using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Kakunin.WebTests.Infrastructure.WebFixture))]

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// What most tests share: one browser and one server. That server allows many sign-ins a minute, because all
/// tests come from 127.0.0.1 and would otherwise trip the limit meant for guessers; the limit itself is tested
/// on a server of its own (<see cref="RateLimitedServerFixture"/>).
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();

    public WebServer Server { get; private set; } = null!;

    public IBrowser Browser => _browser.Browser;

    public async ValueTask InitializeAsync()
    {
        var server = WebServer.StartAsync(loginAttemptsPerMinute: 1000);
        await _browser.InitializeAsync();
        Server = await server;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>A new page in a new context (see <see cref="WebServer.NewContextAsync"/>); disposing the context closes it.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Server.NewContextAsync(Browser, options);
        return (context, await context.NewPageAsync());
    }
}

/// <summary>A server with the default sign-in limit (10 a minute per address), for the rate-limit tests only.</summary>
public sealed class RateLimitedServerFixture : IAsyncLifetime
{
    public WebServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await WebServer.StartAsync(loginAttemptsPerMinute: null);

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
