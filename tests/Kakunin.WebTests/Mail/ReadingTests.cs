using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>A mailbox of one's own: long lists, search, delete to Trash and for good, and other people's mail kept out.</summary>
public sealed class ReadingTests(WebFixture web)
{
    [Fact]
    public async Task A_folder_of_120_pages_by_50_and_searches_by_subject_sender_and_recipient()
    {
        var user = await web.Server.CreateUserAsync("paging");
        var messages = Enumerable.Range(1, 120)
            .Select(i => WebServer.TextMessage(user, i % 10 == 0 ? $"Invoice {i:000}" : $"Report {i:000}", "Numbers.", i == 7 ? "Quentin <quentin@far.test>" : "Dana <dana@outside.test>"))
            .ToList();
        await web.Server.SeedAsync(user, "Inbox", messages, DateTimeOffset.UtcNow.AddHours(-1));
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;

        var rows = page.Locator(".message-row");
        await Expect(page.Locator(".list-range")).ToHaveTextAsync("1–50 of 120");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(rows.First).ToContainTextAsync("Invoice 120");
        await Expect(rows.Last).ToContainTextAsync("Report 071");
        await Expect(page.Locator("#sidebar a[data-folder=Inbox] .badge")).ToHaveTextAsync("120");
        await Screenshots.SaveAsync(page, "mail-list");

        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
        await pager.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Inbox\\?page=2$"));
        await Expect(page.Locator(".list-range")).ToHaveTextAsync("51–100 of 120");
        await pager.GetByRole(AriaRole.Link, new() { Name = "Page 3" }).ClickAsync();
        await Expect(page.Locator(".list-range")).ToHaveTextAsync("101–120 of 120");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Page 3" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(pager.GetByRole(AriaRole.Link, new() { Name = "Next" })).ToHaveCountAsync(0);

        // "/" jumps to the search box; the search keeps to this folder and pages with it.
        await page.Locator("body").PressAsync("/");
        await Expect(page.GetByLabel("Search this folder")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("invoice");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Inbox\\?q=invoice$"));
        await Expect(page.Locator(".list-range")).ToHaveTextAsync("1–12 of 12");
        await Expect(rows.First).ToContainTextAsync("Invoice 120");
        await Expect(page.GetByLabel("Search this folder")).ToHaveValueAsync("invoice");

        await page.GotoAsync("/mail/Inbox?q=quentin");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Report 007");
        await page.GotoAsync("/mail/Inbox?q=" + Uri.EscapeDataString("no such words"));
        await Expect(page.Locator(".empty-state")).ToHaveTextAsync("No message in this folder matches “no such words”.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear search" }).ClickAsync();
        await Expect(page.Locator(".list-range")).ToHaveTextAsync("1–50 of 120");

        // Rows are links a keyboard reaches, named for screen readers with what the row shows.
        var first = rows.First;
        await Expect(first).ToHaveAccessibleNameAsync(new Regex("^Unread, Dana Invoice 120 "));
        await first.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Inbox/\\d+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Invoice 120");
        await Expect(page.Locator("#sidebar a[data-folder=Inbox] .badge")).ToHaveTextAsync("119");
        await page.GotoAsync("/mail/Trash");
        await Expect(page.Locator(".empty-state")).ToHaveTextAsync("This folder is empty.");
    }

    [Fact]
    public async Task Delete_moves_to_trash_and_delete_forever_asks_first_then_removes()
    {
        var user = await web.Server.CreateUserAsync("delete");
        await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "Delivery Status Notification (Failure)", "Gone.")], DateTimeOffset.UtcNow.AddMinutes(-5), "unmatched");
        var ids = await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "Old offer", "Expired.")], DateTimeOffset.UtcNow);
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;

        var report = page.Locator(".message-row", new() { HasText = "Delivery Status Notification" });
        await Expect(report.Locator(".report-badge")).ToHaveTextAsync("Unmatched report");
        await Expect(report).ToHaveAccessibleNameAsync(new Regex("Unmatched report"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Old offer" }).ClickAsync();
        await Expect(page.Locator(".message-text")).ToHaveTextAsync("Expired.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unread" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Inbox\\?notice=unread$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Marked as unread.");
        await Expect(page.Locator(".message-row.unread", new() { HasText = "Old offer" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Old offer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Moved to Trash.");
        await Expect(page.Locator(".message-row")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Old offer" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Trash" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Old offer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/mail/Trash/{ids[0]}$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete forever" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Delete this message forever? This cannot be undone.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete forever" }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Delete forever" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Trash\\?notice=deleted$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deleted forever.");
        await Expect(page.Locator(".empty-state")).ToHaveTextAsync("This folder is empty.");
        Assert.Equal(404, (await page.GotoAsync($"/mail/Trash/{ids[0]}"))!.Status);
    }

    [Fact]
    public async Task Nobody_opens_downloads_answers_or_edits_another_users_message()
    {
        var owner = await web.Server.CreateUserAsync("owner");
        var other = await web.Server.CreateUserAsync("other");
        var secret = WebServer.TextMessage(owner, "Private", "For the owner only.");
        secret.Body = new MimeKit.BodyBuilder { TextBody = "For the owner only.", Attachments = { { "secret.txt", "top secret"u8.ToArray() } } }.ToMessageBody();
        var inbox = await web.Server.SeedAsync(owner, "Inbox", [secret], DateTimeOffset.UtcNow);
        var draft = await web.Server.SeedAsync(owner, "Drafts", [WebServer.TextMessage(owner, "Draft", "Unsent.")], DateTimeOffset.UtcNow);
        var (context, page) = await web.Server.SignedInAsync(web.Browser, other);
        await using var _ = context;

        var id = inbox[0];
        foreach (var path in new[]
        {
            $"/mail/Inbox/{id}", $"/mail/Sent/{id}", $"/mail/Inbox/{id}/body", $"/mail/Inbox/{id}/part/1", $"/mail/Inbox/{id}/part/0",
            $"/compose?reply={id}&kind=forward", $"/compose?draft={draft[0]}",
        })
        {
            var response = await context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            Assert.True(response.Status == 404, $"{path}: {response.Status}");
            Assert.DoesNotContain("secret", await response.TextAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(404, (await page.GotoAsync($"/mail/Inbox/{id}"))!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");

        // The owner, in the same server, gets all of it.
        var (ownerContext, ownerPage) = await web.Server.SignedInAsync(web.Browser, owner);
        await using var __ = ownerContext;
        Assert.Equal(200, (await ownerContext.APIRequest.GetAsync($"/mail/Inbox/{id}/part/1")).Status);
        Assert.Equal(200, (await ownerPage.GotoAsync($"/mail/Inbox/{id}"))!.Status);
        await Expect(ownerPage.GetByRole(AriaRole.Link, new() { Name = "Download secret.txt" })).ToBeVisibleAsync();
    }
}
