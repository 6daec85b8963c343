using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>Search across every folder (/search, docs/webmail.md "Search"), in a real browser against a real server.</summary>
public sealed class SearchTests(WebFixture web)
{
    [Fact]
    public async Task A_body_word_and_Japanese_are_found_in_any_folder_highlighted_and_another_users_mail_is_not()
    {
        var user = await web.Server.CreateUserAsync("searcher");
        var other = await web.Server.CreateUserAsync("searchother");
        await web.Server.SeedAsync(user, "Sent", [WebServer.TextMessage(user, "Quarterly <b>notes</b>", "The pelican budget. 契約書を確認しました。")], DateTimeOffset.UtcNow.AddHours(-1));
        await web.Server.SeedAsync(other, "Inbox", [WebServer.TextMessage(other, "Secret pelican", "pelican")], DateTimeOffset.UtcNow.AddHours(-1));
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;

        // From a folder's box, the second button searches every folder.
        await page.GotoAsync("/mail/Inbox");
        await page.GetByLabel("Search this folder").FillAsync("pelican");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search all folders" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=pelican$"));

        // The word is only in the body: found once the background indexer has reached the message (every 2 s).
        var rows = page.Locator(".search-results .message-row");
        for (var i = 0; i < 20 && await rows.CountAsync() == 0; i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }

        await Expect(rows).ToHaveCountAsync(1); // the other user's "Secret pelican" is not listed
        await Expect(rows.Locator(".message-subject")).ToHaveTextAsync("Quarterly <b>notes</b>"); // mail's markup stays text
        await Expect(rows.Locator(".search-snippet mark")).ToHaveTextAsync("pelican");
        await Expect(rows.Locator(".search-folder")).ToHaveTextAsync("Sent");

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("契約書"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator(".search-snippet mark")).ToHaveTextAsync("契約書");
    }
}
