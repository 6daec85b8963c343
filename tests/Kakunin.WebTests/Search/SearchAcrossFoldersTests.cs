using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Search;

/// <summary>
/// Search across folders (/search, docs/webmail.md "Search") in Debian's chromium against a real server, as a user
/// would reach it: with the keyboard ("/" then Enter), on a 375 px phone in Japanese, results from every folder with
/// the match marked.
/// </summary>
public sealed class SearchAcrossFoldersTests(WebFixture web)
{
    [Fact]
    public async Task On_a_375px_phone_in_Japanese_a_word_inside_a_body_without_spaces_is_found_in_two_folders_marked_and_nothing_overflows()
    {
        var user = await web.Server.CreateUserAsync("sjphone");
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await web.Server.SeedAsync(user, "Sent", [WebServer.TextMessage(user, "来週の打ち合わせ", "先方から届いた契約書を確認しました。修正点は二つです。")], at);
        await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "契約書の件", "添付をご覧ください。")], at.AddMinutes(1));
        await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "昼食", "正午にいかがですか。")], at.AddMinutes(2));
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user, new()
        {
            Locale = "ja-JP", ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        await using var _ = context;

        var rows = await SearchUntilFoundAsync(page, "契約書", 2);

        await Expect(page.Locator("h1")).ToHaveTextAsync("検索");
        await Expect(page.Locator("#list-range")).ToHaveTextAsync("「契約書」に一致するメッセージ: 2 件");
        // The subject match ranks above the body match; both folders are named in Japanese.
        await Expect(rows.Nth(0).Locator(".message-subject mark")).ToHaveTextAsync("契約書");
        await Expect(rows.Nth(0).Locator(".search-folder")).ToHaveTextAsync("受信トレイ");
        await Expect(rows.Nth(1).Locator(".message-subject")).ToHaveTextAsync("来週の打ち合わせ");
        await Expect(rows.Nth(1).Locator(".search-folder")).ToHaveTextAsync("送信済み");
        await Expect(rows.Nth(1).Locator(".search-snippet mark")).ToHaveTextAsync("契約書");
        await Expect(rows.Nth(1).Locator(".search-snippet")).ToContainTextAsync("届いた契約書を確認しました");
        await Expect(rows.Filter(new() { HasText = "昼食" })).ToHaveCountAsync(0);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"/search is {width}px wide");
        await Screenshots.SaveAsync(page, "search-phone-ja");

        await rows.Nth(1).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Sent/\\d+$"));
        await Expect(page.Locator(".message-text")).ToContainTextAsync("契約書を確認しました");
    }

    /// <summary>
    /// The other two of issue 16's four browsers (the test above is Japanese on a phone, Mail/SearchTests English on a
    /// desktop): English on a 375px phone and Japanese on a desktop, each finding a word only in a body, in the other
    /// script too, ranked subject first, marked, and in the reader's words.
    /// </summary>
    [Theory]
    [InlineData("en-GB", 375, "Search", "Inbox", "Sent")]
    [InlineData("ja-JP", 1280, "検索", "受信トレイ", "送信済み")]
    public async Task English_on_a_phone_and_Japanese_on_a_desktop_find_body_words_ranked_and_marked(string locale, int width, string title, string inbox, string sent)
    {
        var user = await web.Server.CreateUserAsync("sboth");
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await web.Server.SeedAsync(user, "Sent", [WebServer.TextMessage(user, "Board meeting", "We looked at the pelican budget. 先方の契約書を確認しました。")], at);
        await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "Pelican figures", "Attached.")], at.AddMinutes(1));
        await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "Lunch", "Noon?")], at.AddMinutes(2));
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user, new()
        {
            Locale = locale, ViewportSize = new() { Width = width, Height = 800 }, IsMobile = width < 700, HasTouch = width < 700,
        });
        await using var _ = context;

        var rows = await SearchUntilFoundAsync(page, "pelican", 2);
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(rows.Nth(0).Locator(".message-subject mark")).ToHaveTextAsync("Pelican"); // the subject match first
        await Expect(rows.Nth(0).Locator(".search-folder")).ToHaveTextAsync(inbox);
        await Expect(rows.Nth(1).Locator(".search-snippet mark")).ToHaveTextAsync("pelican");
        await Expect(rows.Nth(1).Locator(".search-folder")).ToHaveTextAsync(sent);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"/search is {scrollWidth}px wide at {width}px");

        rows = await SearchUntilFoundAsync(page, "契約書", 1);
        await Expect(rows.Locator(".search-snippet mark")).ToHaveTextAsync("契約書");
        scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"/search is {scrollWidth}px wide at {width}px");
    }

    [Fact]
    public async Task With_the_keyboard_alone_slash_reaches_the_box_enter_searches_every_folder_and_a_result_opens()
    {
        var user = await web.Server.CreateUserAsync("skeys");
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await web.Server.SeedAsync(user, "Sent", [WebServer.TextMessage(user, "Harbour notes", "The cormorant nested on the pier.")], at);
        await web.Server.SeedAsync(user, "Inbox", [WebServer.TextMessage(user, "Lunch", "Nothing to see.")], at.AddMinutes(1));
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;
        var errors = new PageErrors(page);

        // On a folder page "/" focuses its box; the second button (reached with Tab) searches every folder.
        await page.GotoAsync("/mail/Inbox");
        await page.Keyboard.PressAsync("/");
        var box = page.GetByLabel("Search this folder");
        await Expect(box).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("cormorant");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Search all folders" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=cormorant$"));

        // On the results page "/" focuses its own box and selects the query; Enter searches again.
        var rows = await SearchUntilFoundAsync(page, "cormorant", 1);
        await page.Keyboard.PressAsync("/");
        await Expect(page.GetByLabel("Search all folders")).ToBeFocusedAsync();
        await Expect(rows.Locator(".search-snippet mark")).ToHaveTextAsync("cormorant");
        await Expect(rows.Locator(".search-folder")).ToHaveTextAsync("Sent");

        // Tab to the result and open it with Enter.
        for (var i = 0; i < 30 && !await rows.First.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Sent/\\d+$"));
        await Expect(page.Locator(".message-text")).ToContainTextAsync("The cormorant nested");
        Assert.Empty(errors.All);
    }

    /// <summary>
    /// Opens /search for <paramref name="query"/> until <paramref name="count"/> results are listed: a word only in a body
    /// is found once the background indexer has reached the message (it looks every 2 s when idle).
    /// </summary>
    private static async Task<ILocator> SearchUntilFoundAsync(IPage page, string query, int count)
    {
        var rows = page.Locator(".search-results .message-row");
        var url = "/search?q=" + Uri.EscapeDataString(query);
        if (!page.Url.EndsWith(url, StringComparison.Ordinal))
        {
            await page.GotoAsync(url);
        }

        for (var i = 0; i < 40 && await rows.CountAsync() < count; i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }

        await Expect(rows).ToHaveCountAsync(count);
        return rows;
    }
}
