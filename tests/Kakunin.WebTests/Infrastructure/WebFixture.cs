using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Kakunin.WebTests.Infrastructure.WebFixture))]

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// What most tests share: one browser and one server. That server has lenient password-guessing limits, because
/// all tests come from 127.0.0.1 and would otherwise trip the limits meant for guessers; the limits themselves are
/// tested on a server of their own (<see cref="RateLimitedServerFixture"/>).
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();

    public WebServer Server { get; private set; } = null!;

    public IBrowser Browser => _browser.Browser;

    public async ValueTask InitializeAsync()
    {
        var server = WebServer.StartAsync(WebServer.LenientThrottle);
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

/// <summary>
/// A server with the shipped guessing limits (10 failures per account, 20 per address) for the rate-limit tests
/// only; just the failure delay is short, so ten wrong passwords do not take two minutes.
/// </summary>
public sealed class RateLimitedServerFixture : IAsyncLifetime
{
    public WebServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await WebServer.StartAsync(new Dictionary<string, string>
    {
        ["KAKUNIN__AUTHTHROTTLE__FAILUREDELAY"] = "00:00:00.010",
        ["KAKUNIN__AUTHTHROTTLE__MAXFAILUREDELAY"] = "00:00:00.050",
    });

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
