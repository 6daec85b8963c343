using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests;

/// <summary>Signing in and out through the real form, in a real browser, against the real server.</summary>
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task Alice_signs_in_lands_on_the_inbox_and_signs_out()
    {
        var (context, page) = await web.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2F$"));

        await WebServer.SignInAsync(page, WebServer.Alice);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inbox");
        await Expect(page.Locator("#sidebar a[aria-current=page]")).ToHaveAttributeAsync("data-folder", "Inbox");
        await Expect(page.Locator(".account-address")).ToHaveTextAsync(WebServer.Alice);
        var session = (await context.CookiesAsync()).Single(c => c.Name == "kakunin-session");
        Assert.True(session.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Lax, session.SameSite);
        Assert.False(session.Secure); // plain HTTP on loopback: Secure follows the request's scheme
        await Screenshots.SaveAsync(page, "inbox-en");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kakunin-session");

        await page.GotoAsync("/mail/Inbox");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fmail%2FInbox$"));
    }

    [Theory]
    [InlineData(WebServer.Alice, "not the password")]
    [InlineData("nobody@example.test", "correct horse battery")]
    public async Task A_wrong_address_or_password_shows_one_message_and_sets_no_session_cookie(string address, string password)
    {
        var (context, page) = await web.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/login");

        var response = await WebServer.SubmitSignInAsync(page, address, password);

        Assert.Equal(200, response.Status);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync("Wrong address or password.");
        await Expect(page.Locator("#address")).ToHaveValueAsync(address);
        await Expect(page.Locator("#password")).ToHaveValueAsync(string.Empty);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "kakunin-session");
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        var (context, page) = await web.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync("/mail/Sent");
            await WebServer.SignInAsync(page, WebServer.Bob, expectedPath: "/mail/Sent");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Sent");
        }

        var (evilContext, evilPage) = await web.NewPageAsync();
        await using (evilContext)
        {
            await evilPage.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString("https://evil.example/phish"));
            await WebServer.SignInAsync(evilPage, WebServer.Bob);
            Assert.StartsWith(web.Server.BaseUrl, evilPage.Url, StringComparison.Ordinal);
        }
    }
}
