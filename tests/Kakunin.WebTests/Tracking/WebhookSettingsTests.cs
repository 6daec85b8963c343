using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Tracking;

/// <summary>Settings › Webhooks (docs/webhooks.md) in a real browser: add an endpoint and see its secret, its empty delivery log, delete it.</summary>
public sealed class WebhookSettingsTests(WebFixture web)
{
    [Fact]
    public async Task An_endpoint_is_added_with_its_secret_shown_listed_with_its_log_and_deleted()
    {
        var user = await web.Server.Process.NewUserAsync("webhooks");
        var (context, page) = await web.NewPageAsync();
        await using (context)
        {
            var errors = new PageErrors(page);
            await WebServer.SignInAsync(page, user);
            await page.GotoAsync("/settings");
            await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Webhooks");
            await Expect(page.GetByText("No endpoints yet.")).ToBeVisibleAsync();

            await page.GetByLabel("URL").FillAsync("https://hooks.example.net/kakunin");
            await page.GetByLabel("denied", new() { Exact = true }).UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/settings/webhooks\\?added=\\d+$"));
            await Expect(page.Locator("#webhook-secret")).ToHaveTextAsync(new Regex("^whsec_[A-Za-z0-9+/]{43}=$"));
            var row = page.Locator("tr[data-endpoint]");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("https://hooks.example.net/kakunin");
            await Expect(row).ToContainTextAsync("delivered");
            await Expect(row).Not.ToContainTextAsync("denied");
            await Expect(row).ToContainTextAsync("Enabled");
            await Screenshots.SaveAsync(page, "settings-webhooks");

            await row.GetByRole(AriaRole.Link, new() { Name = "Delivery log" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Delivery log");
            await Expect(page.GetByText("Nothing sent to this endpoint yet.")).ToBeVisibleAsync();

            await page.GotoAsync("/settings/webhooks");
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(page.GetByText("No endpoints yet.")).ToBeVisibleAsync();

            // Not a URL a webhook can use: the form says so and keeps nothing.
            await page.GetByLabel("URL").FillAsync("ftp://hooks.example.net/x");
            await page.EvalOnSelectorAsync("#webhook-url", "e => e.type = 'text'"); // past the browser's own type=url check, as a script could post
            await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("http:// or https://");
            await Expect(page.GetByText("No endpoints yet.")).ToBeVisibleAsync();
            Assert.Empty(errors.All);
        }
    }
}
