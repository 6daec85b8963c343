using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.Store.Settings;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Tracking;

/// <summary>
/// The organisation page, for administrators only, and its rule taking effect on the read-receipt decision. On the
/// tracking tests' own server: the rule applies to everyone, so no other test may run beside it.
/// </summary>
[Collection(TrackingServerCollection.Name)]
public sealed class OrganisationTests(WebFixture web, TrackingServerFixture tracking)
{
    private KakuninProcess Server => tracking.Server.Process;

    [Fact]
    public async Task Only_an_administrator_may_open_the_organisation_settings()
    {
        var (context, page) = await tracking.SignedInAsync(web.Browser, WebServer.Bob);
        await using var _ = context;
        await page.GotoAsync("/settings");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Organisation settings" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/settings/organisation");
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Something went wrong");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);

        var request = context.APIRequest;
        var post = await request.PostAsync("/settings/organisation", new() { Form = request.CreateFormData().Set("Outside", "disabled"), MaxRedirects = 0 });
        Assert.True(post.Status is 400 or 403, $"status {post.Status}"); // no token, and not an administrator anyway
        await using var store = await Server.OpenStoreAsync();
        Assert.Equal(OutsideReceipts.Allow, (await store.Settings.GetOrganisationAsync(CancellationToken.None)).ReadReceiptsOutside);
    }

    [Fact]
    public async Task The_administrators_rule_and_defaults_are_saved_and_applied()
    {
        try
        {
            var (context, page) = await tracking.SignedInAsync(web.Browser, WebServer.Alice);
            await using (context)
            {
                await page.GotoAsync("/settings");
                await page.GetByRole(AriaRole.Link, new() { Name = "Organisation settings" }).ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync("Organisation settings");
                var rule = page.GetByRole(AriaRole.Group, new() { Name = "Read receipts to addresses outside the organisation" });
                await Expect(rule.GetByRole(AriaRole.Radio, new() { Name = "Allowed: each person's settings decide" })).ToBeCheckedAsync();

                await rule.GetByRole(AriaRole.Radio, new() { Name = "No read receipts at all, inside or outside" }).CheckAsync();
                await page.GetByLabel("Request a delivery receipt for all messages").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex("/settings/organisation\\?saved=1$"));
                await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");
                await page.GotoAsync("/settings/organisation");
                await Expect(rule.GetByRole(AriaRole.Radio, new() { Name = "No read receipts at all, inside or outside" })).ToBeCheckedAsync();
                await Expect(page.GetByLabel("Request a delivery receipt for all messages")).ToBeCheckedAsync();
                await Screenshots.SaveAsync(page, "settings-organisation");
            }

            // A new user starts with the defaults; and with receipts disabled, a request gets no banner, and says why.
            var sender = await Server.NewUserAsync("orgsend");
            var reader = await Server.NewUserAsync("orgread");
            var sent = await Server.SubmitAsync(sender, [reader], "Disabled here", readReceipt: true);
            var id = await Server.WaitForStoredAsync(reader, "Inbox", sent.MessageId);
            var (readerContext, readerPage) = await tracking.SignedInAsync(web.Browser, reader);
            await using (readerContext)
            {
                await readerPage.GotoAsync("/settings");
                await Expect(readerPage.GetByLabel("Request a delivery receipt for all messages")).ToBeCheckedAsync();

                await readerPage.GotoAsync($"/receipts/{id}");
                await Expect(readerPage.Locator("h1")).ToHaveTextAsync("Read receipt for “Disabled here”");
                await Expect(readerPage.GetByRole(AriaRole.Button, new() { Name = "Send a receipt" })).ToHaveCountAsync(0);
                await Expect(readerPage.Locator("[data-receipt-note]")).ToContainTextAsync("your administrator has turned read receipts off");
            }
        }
        finally
        {
            await using var store = await Server.OpenStoreAsync();
            await store.Settings.SaveOrganisationAsync(OrganisationSettings.Default, CancellationToken.None);
        }
    }
}
