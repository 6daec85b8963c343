using System.Globalization;
using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Hardening;

/// <summary>
/// A person types the plain http:// address of the webmail into Debian's chromium and ends up signed in over HTTPS on
/// HTTP/2, with every cookie Secure (<c>kakunin serve --https-port</c>). The browser is launched for this test with
/// mx.example.test mapped to 127.0.0.1, so that it uses a host name, as a person would, and not an IP address; the
/// server's self-signed certificate is accepted as a person would after checking it.
/// </summary>
public sealed class HttpsBrowserTests
{
    private const string Host = "mx.example.test";

    [Fact]
    public async Task Typing_the_http_address_leads_to_the_https_sign_in_on_http2_and_every_cookie_is_secure()
    {
        var httpsPort = KakuninProcess.FreePort();
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--https-port", httpsPort.ToString(CultureInfo.InvariantCulture)]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", $"--host-resolver-rules=MAP {Host} 127.0.0.1"],
        });
        await using var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, Locale = "en-GB" });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"http://{Host}:{server.HttpPort}/");
        var https = $"https://{Host}:{httpsPort}";
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(https + "/login")));
        Assert.Equal("h2", await page.EvaluateAsync<string>("performance.getEntriesByType('navigation')[0].nextHopProtocol"));

        await WebServer.SignInAsync(page, WebServer.Alice);
        Assert.StartsWith(https + "/mail/Inbox", page.Url, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "https-inbox");

        var cookies = await context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "kakunin-session");
        Assert.Contains(cookies, c => c.Name == "kakunin-antiforgery");
        Assert.All(cookies, c => Assert.True(c.Secure, $"{c.Name} is not Secure"));
        Assert.All(cookies, c => Assert.True(c.HttpOnly, $"{c.Name} is readable by script"));
        Assert.Equal(SameSiteAttribute.Lax, cookies.Single(c => c.Name == "kakunin-session").SameSite);
    }
}
