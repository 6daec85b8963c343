using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>The mail pages on a 375px phone: nothing wider than the screen, compose one tap away.</summary>
public sealed class PhoneTests(WebFixture web)
{
    [Fact]
    public async Task List_message_and_compose_fit_a_375px_screen()
    {
        var user = await web.Server.CreateUserAsync("phone");
        var longOne = WebServer.TextMessage(user, "A rather long subject line that would never fit on one line of a phone screen at all", "Averyveryverylongwordwithoutanyspacesthatmustwrapinsteadofwideningthepageforeverandever and text.", "Someone With A Long Name <someone.with.a.long.address@a-long-domain-name.example>");
        await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "Lunch?", "At noon."), longOne], DateTimeOffset.UtcNow);
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user, new() { ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true });
        await using var _ = context;

        await Expect(page.Locator(".message-row")).ToHaveCountAsync(2);
        await AssertFitsAsync(page);
        var compose = page.GetByRole(AriaRole.Link, new() { Name = "Compose" });
        await Expect(compose).ToBeVisibleAsync();
        await Expect(compose).ToBeInViewportAsync();
        await Screenshots.SaveAsync(page, "mail-list-phone");

        await page.Locator(".message-row").First.ClickAsync();
        await Expect(page.Locator(".message-text")).ToContainTextAsync("Averyvery");
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "mail-message-phone");

        await compose.ClickAsync();
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(compose).ToHaveCountAsync(0); // no compose button over the compose form
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "mail-compose-phone");
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{page.Url} is {width}px wide");
    }
}
