using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>Hostile HTML mail, as it arrives over SMTP: nothing runs, nothing is fetched until the reader asks.</summary>
public sealed class HtmlMailTests(WebFixture web)
{
    private const string Tracker = "http://tracker.test/";

    // The smallest valid PNG (1×1, transparent), served for the tracker once images are allowed.
    private static readonly byte[] Pixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Script_and_handlers_never_run_and_remote_images_load_only_after_show_images()
    {
        var user = await web.Server.CreateUserAsync("html");
        var message = WebServer.TextMessage(user, "Weekly news", string.Empty, "News <news@outside.test>");
        message.Body = new BodyBuilder
        {
            TextBody = "Hello reader",
            HtmlBody = "<p id=\"hello\" onclick=\"fetch('" + Tracker + "onclick')\">Hello <b>reader</b></p>" +
                       "<img id=\"pixel\" src=\"" + Tracker + "pixel.png?u=42\" alt=\"pixel\" width=\"1\" height=\"1\">" +
                       "<script>fetch('" + Tracker + "script'); document.title = 'pwned';</script>" +
                       "<a href=\"javascript:fetch('" + Tracker + "link')\">click</a>",
        }.ToMessageBody();
        await web.Server.SendSmtpAsync(message);

        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;
        var requests = new List<string>();
        await context.RouteAsync(Tracker + "**", async route =>
        {
            lock (requests)
            {
                requests.Add(route.Request.Url);
            }

            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Pixel });
        });
        var errors = new PageErrors(page);

        await WebServer.ReloadUntilAsync(page, page.Locator(".message-row"), new Regex("Weekly news"));
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Weekly news" }).ClickAsync(),
            r => r.Url.EndsWith("/body", StringComparison.Ordinal));

        // The frame's own policy: no script at all, images only from us until the reader allows them.
        var policy = response.Headers["content-security-policy"];
        Assert.StartsWith("default-src 'none'; img-src data: 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script", policy, StringComparison.Ordinal);
        Assert.Equal("weekly news", (await page.Locator("h1").InnerTextAsync()).ToLowerInvariant());

        var frame = page.FrameLocator("iframe[data-message-frame]");
        await Expect(frame.Locator("p", new() { HasText = "Hello" })).ToHaveTextAsync("Hello reader");
        await Expect(page.Locator("iframe[data-message-frame]")).ToHaveAttributeAsync("sandbox", "allow-same-origin allow-popups allow-popups-to-escape-sandbox");
        await Expect(frame.Locator("script")).ToHaveCountAsync(0);
        await Expect(frame.Locator("[onclick]")).ToHaveCountAsync(0);
        await Expect(frame.Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("This message has 1 remote image, blocked to protect your privacy.");
        await frame.Locator("p", new() { HasText = "Hello" }).ClickAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.Empty(requests);
        Assert.NotEqual("pwned", await page.TitleAsync());
        await Screenshots.SaveAsync(page, "mail-images-blocked");

        await page.GetByRole(AriaRole.Link, new() { Name = "Show images" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?images=1$"));
        await Expect(frame.Locator("img[alt=pixel]")).ToHaveJSPropertyAsync("naturalWidth", 1);
        lock (requests)
        {
            Assert.Equal([Tracker + "pixel.png?u=42"], requests);
        }

        await Expect(page.GetByRole(AriaRole.Note)).ToHaveCountAsync(0);
        Assert.Empty(errors.All);

        // Per message only: opening it again holds the image back again.
        await page.GotoAsync(page.Url.Replace("?images=1", string.Empty, StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("1 remote image");
    }
}
