using System.Globalization;
using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests;

/// <summary>English and Japanese: chosen by the browser, by the switch, and remembered.</summary>
public sealed class LanguageTests(WebFixture web)
{
    [Fact]
    public async Task A_japanese_browser_gets_japanese_pages()
    {
        var (context, page) = await web.NewPageAsync(new() { Locale = "ja-JP" });
        await using var _ = context;

        var response = await page.GotoAsync("/login");
        Assert.Equal("ja", response!.Headers["content-language"]);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Expect(page.GetByLabel("メールアドレス")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("パスワード")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("サインイン");
        await Screenshots.SaveAsync(page, "sign-in-ja");

        await WebServer.SignInAsync(page, WebServer.Alice);
        await Expect(page.Locator("h1")).ToHaveTextAsync("受信トレイ");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "フォルダー" })).ToContainTextAsync("送信済み");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "本文へスキップ" })).ToBeAttachedAsync();
        await Screenshots.SaveAsync(page, "inbox-ja");
    }

    [Theory]
    [InlineData("fr-FR", "en")]
    [InlineData("en-US", "en")]
    public async Task Other_browsers_get_english(string locale, string expected)
    {
        var (context, page) = await web.NewPageAsync(new() { Locale = locale });
        await using var _ = context;
        await page.GotoAsync("/login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", expected);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
    }

    [Fact]
    public async Task The_language_switch_is_remembered_across_pages_and_sign_out()
    {
        // A user of its own: signed in, the switch saves the choice to the person (their settings), and it would
        // follow a shared user such as Bob into the other tests.
        var user = await web.Server.Process.NewUserAsync("switch");
        var (context, page) = await web.NewPageAsync();
        await using var _ = context;
        await WebServer.SignInAsync(page, user);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Inbox");

        await page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Inbox$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Expect(page.Locator("h1")).ToHaveTextAsync("受信トレイ");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "日本語" })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GetByRole(AriaRole.Link, new() { Name = "送信済み" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Sent$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("送信済み");
        Assert.Equal("ja", (await context.CookiesAsync()).Single(c => c.Name == "kakunin-lang").Value);

        await page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("サインイン");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task Times_are_shown_in_the_readers_zone_and_language_and_in_utc_without_script()
    {
        var (context, page) = await web.NewPageAsync(new() { Locale = "ja-JP", TimezoneId = "Asia/Tokyo" });
        await using (context)
        {
            await WebServer.SignInAsync(page, WebServer.Alice);
            var time = page.Locator(".account-since time");
            var instant = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
            var tokyo = instant.ToOffset(TimeSpan.FromHours(9)); // Japan has no daylight saving time
            await Expect(time).ToHaveTextAsync(tokyo.ToString("yyyy'年'M'月'd'日' H:mm", CultureInfo.InvariantCulture));
            await Expect(time).ToHaveAttributeAsync("title", new Regex(" UTC$"));
        }

        var (plain, plainPage) = await web.NewPageAsync(new() { Locale = "en-GB", TimezoneId = "Asia/Tokyo", JavaScriptEnabled = false });
        await using (plain)
        {
            await WebServer.SignInAsync(plainPage, WebServer.Alice);
            var time = plainPage.Locator(".account-since time");
            var instant = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
            await Expect(time).ToHaveTextAsync(instant.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " UTC");
        }
    }
}
