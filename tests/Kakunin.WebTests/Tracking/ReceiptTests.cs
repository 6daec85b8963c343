using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.Store.Settings;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Tracking;

/// <summary>
/// Answering a read-receipt request (RFC 8098) in the browser, through the /receipts/{id} page that shows the same
/// banner as the message page: ask and send, decline, the policies "never" and "always", the reasons for asking.
/// Every message goes over SMTP and every receipt through the real queue back to the sender's tracking.
/// </summary>
public sealed class ReceiptTests(WebFixture web)
{
    private KakuninProcess Server => web.Server.Process;

    [Fact]
    public async Task The_reader_is_asked_sends_one_receipt_however_often_they_click_and_the_sender_sees_it_read()
    {
        var (sender, reader, id) = await RequestAsync("Contract");
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, reader);
        await using (context)
        {
            var errors = new PageErrors(page);
            await page.GotoAsync($"/receipts/{id}");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Read receipt for “Contract”");
            var banner = page.GetByRole(AriaRole.Region, new() { Name = "The sender asked to be notified when you read this message." });
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner.Locator(".receipt-reasons li")).ToHaveTextAsync("your settings say to ask you");
            await Expect(page.Locator(".receipt-recipients")).ToHaveTextAsync($"The receipt would go to: {sender}");
            await Screenshots.SaveAsync(page, "receipt-banner");

            // A second tab shows the same banner; both buttons are clicked: one MDN (RFC 3503 $MDNSent).
            var second = await context.NewPageAsync();
            await second.GotoAsync($"/receipts/{id}");
            await banner.GetByRole(AriaRole.Button, new() { Name = "Send a receipt" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/receipts/{id}\\?receipt=sent$"));
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Read receipt sent.");
            await second.GetByRole(AriaRole.Button, new() { Name = "Send a receipt" }).ClickAsync();
            await Expect(second.GetByRole(AriaRole.Status)).ToHaveTextAsync("This request was already answered.");

            await page.GotoAsync($"/receipts/{id}");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a receipt" })).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-receipt-note]")).ToContainTextAsync("you already answered this request");
            Assert.Empty(errors.All);
        }

        await ExpectReadAsync(sender, reader);
        await Server.WaitForEmptyQueueAsync();
        Assert.Equal(1, await Server.CountReadReceiptsAsync(sender));
    }

    [Fact]
    public async Task Declining_sends_nothing_and_is_not_asked_again()
    {
        var (sender, reader, id) = await RequestAsync("Declined");
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, reader);
        await using (context)
        {
            await page.GotoAsync($"/receipts/{id}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Don't send" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No read receipt will be sent for this message.");
            await page.GotoAsync($"/receipts/{id}");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a receipt" })).ToHaveCountAsync(0);
        }

        await Server.WaitForEmptyQueueAsync();
        Assert.Equal(0, await Server.CountReadReceiptsAsync(sender));
    }

    [Fact]
    public async Task A_policy_of_never_set_on_the_settings_page_shows_no_banner_and_sends_nothing()
    {
        var (sender, reader, id) = await RequestAsync("Never mind");
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, reader);
        await using (context)
        {
            await page.GotoAsync("/settings");
            await page.GetByRole(AriaRole.Group, new() { Name = "All other cases", Exact = true })
                .GetByRole(AriaRole.Radio, new() { Name = "Never send" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");

            await page.GotoAsync($"/receipts/{id}");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Read receipt for “Never mind”");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a receipt" })).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-receipt-note]")).ToHaveTextAsync("No read receipt will be sent: your settings say never to send one in this case");
        }

        await Server.WaitForEmptyQueueAsync();
        Assert.Equal(0, await Server.CountReadReceiptsAsync(sender));
    }

    [Fact]
    public async Task A_policy_of_always_sends_without_a_banner_and_the_sender_sees_it_read()
    {
        var (sender, reader, id) = await RequestAsync("Always", reader => Server.SetSettingsAsync(reader, s => s with { MdnOtherCases = ReceiptChoices.Always }));
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, reader);
        await using (context)
        {
            await page.GotoAsync($"/receipts/{id}");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a receipt" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("A read receipt was sent (your setting).");
        }

        await ExpectReadAsync(sender, reader);
        Assert.Equal(1, await Server.CountReadReceiptsAsync(sender));
    }

    [Fact]
    public async Task The_banner_speaks_japanese_and_says_why_it_asks_about_a_requester_outside()
    {
        var reader = await Server.NewUserAsync("outside");
        var subject = "社外からの依頼";
        await Server.SendFromOutsideAsync(reader, subject, returnPath: "bounces@lists.outside.test", notifyTo: "dana@outside.test");
        long id = 0;
        await Server.WaitForAsync(async () =>
        {
            var inbox = await Server.FolderAsync(reader, "Inbox");
            if (inbox.Count == 0)
            {
                return false;
            }

            await using var store = await Server.OpenStoreAsync();
            id = (await store.Mailboxes.ListAsync(reader, "Inbox", CancellationToken.None)).Single().Id;
            return true;
        }, "the message from outside");

        var (context, page) = await web.Server.SignInNewAsync(web.Browser, reader, new() { Locale = "ja-JP" });
        await using var _ = context;
        await page.GotoAsync($"/receipts/{id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"「{subject}」の開封確認");
        var banner = page.Locator("[data-receipt-banner]");
        await Expect(banner.Locator(".receipt-question")).ToHaveTextAsync("送信者は、あなたがこのメッセージを読んだときに通知を受け取ることを求めています。");
        await Expect(banner.Locator(".receipt-reasons li")).ToHaveTextAsync(["要求者は組織外の人です", "通知先のアドレスが返送先（Return-Path）と異なります"]);
        await Expect(banner.GetByRole(AriaRole.Button, new() { Name = "開封確認を送信" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "receipt-banner-ja");
        await banner.GetByRole(AriaRole.Button, new() { Name = "送信しない" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("このメッセージの開封確認は送信しません。");
    }

    /// <summary>A sender and a reader of their own; the sender submits a message asking for a read receipt; returns its id in the reader's Inbox.</summary>
    private async Task<(string Sender, string Reader, long Id)> RequestAsync(string subject, Func<string, Task>? prepareReader = null)
    {
        var sender = await Server.NewUserAsync("asks");
        var reader = await Server.NewUserAsync("reads");
        if (prepareReader is not null)
        {
            await prepareReader(reader);
        }

        var message = await Server.SubmitAsync(sender, [reader], subject, readReceipt: true);
        return (sender, reader, await Server.WaitForStoredAsync(reader, "Inbox", message.MessageId));
    }

    /// <summary>The sender's Tracking page, Read tab, lists the reader once the MDN has come back and been matched.</summary>
    private async Task ExpectReadAsync(string sender, string reader)
    {
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, sender);
        await using var _ = context;
        await page.GotoAsync("/tracking?filter=read");
        await page.RefreshUntilAsync(page.Locator(".tracking-row .recipient-address"), new Regex("^" + Regex.Escape(reader) + "$"));
        await Expect(page.Locator(".tracking-row .state-read-displayed")).ToHaveTextAsync("Read");
    }
}
