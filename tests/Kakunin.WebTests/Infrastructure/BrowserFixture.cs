using Microsoft.Playwright;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// Debian's chromium (/usr/bin/chromium, installed by .ci/run), driven by Playwright, one for the whole test
/// assembly; every test gets its own <see cref="IBrowserContext"/> (its own cookies). Playwright's own browser
/// downloads are never used (they cannot be fetched here): the driver (node and its package) ships inside the
/// Microsoft.Playwright NuGet package and is copied to bin/…/.playwright by the build.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (.ci/run does)");
        }

        // Expectations wait for what a user would see; 5 s (Playwright's default) is not enough when CI runs this
        // assembly beside the integration tests on two cores (load 20–30): a sandboxed frame's reload once missed it.
        // Waiting longer changes no outcome, only how long a real failure takes to be reported.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
