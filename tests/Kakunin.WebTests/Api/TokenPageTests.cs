using System.Net;
using System.Net.Http.Headers;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Api;

/// <summary>The webmail's API tokens page: a token made there works on the API at once, is shown once, and revoking it there stops it.</summary>
public sealed class TokenPageTests(WebFixture web)
{
    [Fact]
    public async Task A_token_created_in_settings_is_shown_once_works_on_the_api_and_stops_when_revoked()
    {
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, WebServer.Alice);
        await using var _ = context;
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await page.Locator("#token-name").FillAsync("Contract system");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("shown only this once");
        var token = await page.Locator("#new-token").InnerTextAsync();
        Assert.Matches("^kk_[A-Za-z0-9_-]{43}$", token);

        using var client = new HttpClient { BaseAddress = new Uri(web.Server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var works = await client.GetAsync("/api/v1/tracking"))
        {
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        }

        // Post/Redirect/Get: the page showing it was a GET, so a reload posts nothing again and shows the token no more.
        await page.ReloadAsync();
        await Expect(page.Locator(".token-list tr", new() { HasText = "Contract system" })).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("#new-token").CountAsync());

        // Listed by name and prefix; the token itself is not on the page any more.
        await page.GotoAsync("/settings/tokens");
        var row = page.Locator(".token-list tr", new() { HasText = "Contract system" });
        await Expect(row).ToContainTextAsync(token[..11]);
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.Locator(".token-list tr", new() { HasText = "Contract system" })).ToContainTextAsync("Revoked");
        using var revoked = await client.GetAsync("/api/v1/tracking");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task The_page_speaks_japanese_to_a_japanese_reader()
    {
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, WebServer.Bob, new BrowserNewContextOptions { Locale = "ja-JP" });
        await using var _ = context;
        await page.GotoAsync("/settings/tokens");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("API トークン");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "トークンを作成" })).ToBeVisibleAsync();
    }
}
