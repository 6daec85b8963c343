using Kakunin.WebTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>
/// A page GET has effects (opening marks a message read and may send a read receipt), so a mail whose images point
/// at our own URLs must not be able to open messages as the reader: pages answer navigations only.
/// </summary>
public sealed class FetchMetadataTests(WebFixture web)
{
    [Fact]
    public async Task A_message_page_fetched_as_an_image_is_404_and_leaves_the_message_unread()
    {
        var user = await web.Server.CreateUserAsync("fetchdest");
        var ids = await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "Quarterly figures", "See the table.")], DateTimeOffset.UtcNow.AddMinutes(-5));
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;

        // What <img src="/mail/Inbox/N"> in a shown mail would make the browser send, with the reader's cookie.
        var asImage = await page.APIRequest.GetAsync($"/mail/Inbox/{ids[0]}", new() { Headers = new Dictionary<string, string> { ["Sec-Fetch-Dest"] = "image" } });
        Assert.Equal(404, asImage.Status);
        var receiptAsImage = await page.APIRequest.GetAsync($"/receipts/{ids[0]}", new() { Headers = new Dictionary<string, string> { ["Sec-Fetch-Dest"] = "image" } });
        Assert.Equal(404, receiptAsImage.Status);

        await page.GotoAsync("/mail/Inbox");
        await Expect(page.Locator(".message-row.unread")).ToContainTextAsync("Quarterly figures");

        // A real navigation still opens it, and then it is read.
        await page.Locator(".message-row").First.ClickAsync();
        await Expect(page.Locator("h1, h2").Filter(new() { HasText = "Quarterly figures" }).First).ToBeVisibleAsync();
        await page.GotoAsync("/mail/Inbox");
        await Expect(page.Locator(".message-row.unread")).ToHaveCountAsync(0);
    }
}
