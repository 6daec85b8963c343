using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.Tracking;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Tracking;

/// <summary>
/// Issue 16, item 1: the Tracking page and a sent message's Tracking tab on a 375px phone and on a desktop, in English
/// and Japanese. Nothing is wider than the screen, and an address is on one line or broken only after "@" or "."
/// (measured per character from the layout, not read from the CSS). Under 700px a recipient is a card, not a table row.
/// </summary>
[Collection(TrackingServerCollection.Name)]
public sealed class PhoneTrackingTests(WebFixture web, TrackingServerFixture tracking)
{
    // Long enough to need two lines in a 375px card, with a hyphen a browser would otherwise break at.
    private const string Long = "jonathan.fitzgerald-worthington@engineering.remote.test";
    private const string Refused = "nobody.at.this.address@mail.remote.test";

    [Theory]
    [InlineData("en-GB", 375, "tracking-phone")]
    [InlineData("ja-JP", 375, "tracking-phone-ja")]
    [InlineData("en-GB", 1280, null)]
    [InlineData("ja-JP", 1280, null)]
    public async Task Tracking_fits_the_screen_and_never_breaks_an_address_inside_a_word(string locale, int width, string? screenshot)
    {
        var server = tracking.Server.Process;
        var sender = await server.NewUserAsync("phone-tracking");
        var local = await server.NewUserAsync("a-rather-long-local-reader");
        await server.SubmitAsync(sender, [local, Long, Refused], "Quarterly figures for the board", readReceipt: true);
        await WaitSettledAsync(server, sender, 3);

        var context = await tracking.Server.NewContextAsync(web.Browser, new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new() { Width = width, Height = 800 },
            IsMobile = width < 700,
            HasTouch = width < 700,
        });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var errors = new PageErrors(page);
        await WebServer.SignInAsync(page, sender);

        await page.GotoAsync("/tracking");
        await Expect(page.Locator(".tracking-row")).ToHaveCountAsync(3);
        await AssertFitsAsync(page, width);
        await AssertAddressesAsync(page, width);
        var display = await page.Locator(".tracking-row").First.EvaluateAsync<string>("e => getComputedStyle(e).display");
        Assert.Equal(width < 700 ? "block" : "table-row", display);

        // A zero count is a neutral badge, a non-zero one the accent colour.
        var delayed = page.Locator(".tracking-filters [data-filter=delayed] .badge");
        var failed = page.Locator(".tracking-filters [data-filter=failed] .badge");
        await Expect(delayed).ToHaveTextAsync("0");
        await Expect(failed).ToHaveTextAsync("1");
        Assert.NotEqual(
            await failed.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"),
            await delayed.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(page, screenshot);
        }

        await page.Locator($".tracking-row[data-recipient='{Long}'] .state-cell a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/tracking/\d+#recipient-\d+$"));
        await Expect(page.Locator("tr.tracking-recipient")).ToHaveCountAsync(3);
        await page.Locator($"tr.tracking-recipient[data-recipient='{Refused}'] details.timeline summary").ClickAsync();
        await AssertFitsAsync(page, width);
        await AssertAddressesAsync(page, width);
        // Still a table to assistive technology: its name, a row header per recipient.
        var table = page.GetByRole(AriaRole.Table, new() { Name = locale == "ja-JP" ? "宛先ごとの配信と開封の状況" : "Delivery and reading, recipient by recipient" });
        await Expect(table.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(3);
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(page, screenshot + "-tab");
        }

        Assert.Empty(errors.All);
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide at {width}px");
    }

    private static async Task AssertAddressesAsync(IPage page, int width)
    {
        var addresses = page.Locator(".recipient-address");
        Assert.Empty(await addresses.EvaluateAllAsync<string[]>(AddressLayout.BadBreaks));
        var lines = await addresses.EvaluateAllAsync<int[]>(AddressLayout.Lines);
        Assert.All(lines, n => Assert.True(n >= 1));
        if (width < 700)
        {
            // The test means something only if an address did need more than one line.
            Assert.Contains(lines, n => n > 1);
        }
    }

    /// <summary>Waits until none of the sender's recipients is still queued (each delivered, relayed, delayed or failed).</summary>
    private static Task WaitSettledAsync(KakuninProcess server, string sender, int recipients) => server.WaitForAsync(async () =>
    {
        await using var store = await server.OpenStoreAsync();
        var page = await store.TrackingQueries.GetPageAsync(sender, TrackingFilter.All, TimeSpan.FromDays(3), 1, 50, DateTimeOffset.UtcNow, CancellationToken.None);
        return page.Rows.Count == recipients && page.Rows.All(r => r.Recipient.State is not (TrackingState.Queued or TrackingState.Unknown));
    }, $"{recipients} settled recipients of {sender}");
}
