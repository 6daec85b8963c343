using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>A real <c>kakunin serve --demo</c> child process (<see cref="KakuninProcess"/>) seen from a browser.</summary>
public sealed partial class WebServer : IAsyncDisposable
{
    public const string Alice = "alice@example.test";

    public const string Bob = "bob@example.test";

    private WebServer(KakuninProcess process) => Process = process;

    public KakuninProcess Process { get; }

    public string BaseUrl => $"http://127.0.0.1:{Process.HttpPort}";

    /// <summary>
    /// Password-guessing limits for a server most tests share: every test signs in from 127.0.0.1, and the few
    /// wrong passwords they type must neither add up to the shipped per-address limit nor wait seconds each.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LenientThrottle = new Dictionary<string, string>
    {
        ["KAKUNIN__AUTHTHROTTLE__ACCOUNTFAILURELIMIT"] = "1000",
        ["KAKUNIN__AUTHTHROTTLE__ADDRESSFAILURELIMIT"] = "1000",
        ["KAKUNIN__AUTHTHROTTLE__FAILUREDELAY"] = "00:00:00",
    };

    /// <param name="environment">Settings for the server (e.g. <see cref="LenientThrottle"/>); null keeps the defaults.</param>
    public static async Task<WebServer> StartAsync(IReadOnlyDictionary<string, string>? environment) =>
        new WebServer(await KakuninProcess.StartAsync(environment: environment));

    /// <summary>A fresh browser context (no cookies) whose relative URLs go to this server; English unless told otherwise.</summary>
    public Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseUrl;
        options.Locale ??= "en-GB";
        return browser.NewContextAsync(options);
    }

    /// <summary>Signs in through the form, as a person would, and waits for the Inbox (or the page asked for).</summary>
    public static async Task SignInAsync(IPage page, string address, string password = KakuninProcess.Password, string expectedPath = "/mail/Inbox")
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/login");
        }

        await SubmitSignInAsync(page, address, password);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(expectedPath) + "$"));
    }

    /// <summary>Fills and submits the sign-in form; returns the response to the POST.</summary>
    public static async Task<IResponse> SubmitSignInAsync(IPage page, string address, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("#address").FillAsync(address);
        await page.Locator("#password").FillAsync(password);
        return await page.RunAndWaitForResponseAsync(
            () => page.Locator(".sign-in button[type=submit]").ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("/login", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
