using Kakunin.IntegrationTests;
using Microsoft.Playwright;

namespace Kakunin.WebTests.Infrastructure;

public sealed partial class WebServer
{
    /// <summary>A server of a test class's own, with extra <c>serve</c> options (e.g. a smarthost), and lenient guessing limits.</summary>
    public static async Task<WebServer> StartWithAsync(params string[] extraArgs) =>
        new(await KakuninProcess.StartAsync(extraArgs: extraArgs, environment: LenientThrottle));

    /// <summary>A fresh context signed in as <paramref name="address"/> (English unless <paramref name="options"/> say otherwise).</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignInNewAsync(IBrowser browser, string address, BrowserNewContextOptions? options = null)
    {
        var context = await NewContextAsync(browser, options);
        var page = await context.NewPageAsync();
        await SignInAsync(page, address);
        return (context, page);
    }
}
