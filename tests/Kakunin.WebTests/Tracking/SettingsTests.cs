using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Tracking;

/// <summary>The settings page: saved, shown again after a reload, in both languages; the language follows the person.</summary>
public sealed class SettingsTests(WebFixture web)
{
    [Fact]
    public async Task Settings_are_saved_and_shown_again_and_the_language_follows_the_user()
    {
        var user = await web.Server.Process.NewUserAsync("settings");
        var (context, page) = await web.NewPageAsync();
        await using (context)
        {
            var errors = new PageErrors(page);
            await WebServer.SignInAsync(page, user);
            await page.GotoAsync("/settings");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Settings");

            // Safe defaults: ask in every case, nothing on delete; reports stay in the Inbox until processing is turned on.
            foreach (var question in new[] { "I'm not in To or Cc", "The requester is outside my domain", "All other cases" })
            {
                await Expect(Choice(page, question, "Ask me")).ToBeCheckedAsync();
            }

            await Expect(page.GetByLabel("Send “deleted without being read” notifications")).Not.ToBeCheckedAsync();
            await Expect(page.GetByLabel("Process receipts on arrival")).Not.ToBeCheckedAsync();
            await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Same as the browser" })).ToBeCheckedAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Organisation settings" })).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(page, "settings");

            await page.GetByLabel("Request a delivery receipt for all messages").CheckAsync();
            await page.GetByLabel("Request a read receipt for all messages").CheckAsync();
            await Choice(page, "I'm not in To or Cc", "Never send").CheckAsync();
            await Choice(page, "The requester is outside my domain", "Never send").CheckAsync();
            await Choice(page, "All other cases", "Always send").CheckAsync();
            await page.GetByLabel("Send “deleted without being read” notifications").CheckAsync();
            await page.GetByLabel("Process receipts on arrival").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/settings\\?saved=1$"));
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");
            await page.GotoAsync("/settings");
            await Expect(page.GetByLabel("Request a delivery receipt for all messages")).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Request a read receipt for all messages")).ToBeCheckedAsync();
            await Expect(Choice(page, "I'm not in To or Cc", "Never send")).ToBeCheckedAsync();
            await Expect(Choice(page, "The requester is outside my domain", "Never send")).ToBeCheckedAsync();
            await Expect(Choice(page, "All other cases", "Always send")).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Send “deleted without being read” notifications")).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Process receipts on arrival")).ToBeCheckedAsync();

            // Japanese, saved: the next page speaks it, and so does a new browser where the person signs in.
            await page.GetByRole(AriaRole.Radio, new() { Name = "日本語" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("設定");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("設定を保存しました。");
            await Expect(Choice(page, "その他のすべての場合", "常に送信する")).ToBeCheckedAsync();
            Assert.Empty(errors.All);
        }

        var (other, otherPage) = await web.NewPageAsync(new() { Locale = "en-GB" });
        await using (other)
        {
            await otherPage.GotoAsync("/login");
            await Expect(otherPage.Locator("h1")).ToHaveTextAsync("Sign in"); // nobody signed in yet: the browser decides
            await WebServer.SubmitSignInAsync(otherPage, user, Kakunin.IntegrationTests.KakuninProcess.Password);
            await otherPage.GotoAsync("/settings");
            await Expect(otherPage.Locator("html")).ToHaveAttributeAsync("lang", "ja");
            await Expect(otherPage.Locator("h1")).ToHaveTextAsync("設定");

            // Back to "same as the browser": English again, for this English browser.
            await otherPage.GetByRole(AriaRole.Radio, new() { Name = "ブラウザーの設定に従う" }).CheckAsync();
            await otherPage.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Expect(otherPage.Locator("h1")).ToHaveTextAsync("Settings");
            await Expect(otherPage.GetByRole(AriaRole.Radio, new() { Name = "Same as the browser" })).ToBeCheckedAsync();
        }
    }

    [Fact]
    public async Task A_japanese_browser_gets_the_settings_in_japanese_and_they_are_saved()
    {
        var user = await web.Server.Process.NewUserAsync("setja");
        var (context, page) = await web.NewPageAsync(new() { Locale = "ja-JP" });
        await using var _ = context;
        await WebServer.SignInAsync(page, user);
        await page.GotoAsync("/settings");
        await Expect(page.Locator("h1")).ToHaveTextAsync("設定");
        await Expect(Choice(page, "自分が宛先（To）にも CC にも含まれていない場合", "毎回確認する")).ToBeCheckedAsync();
        await Screenshots.SaveAsync(page, "settings-ja");

        await Choice(page, "要求者が自分のドメインの外にいる場合", "送信しない").CheckAsync();
        await page.GetByLabel("すべてのメッセージで開封確認を要求する").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("設定を保存しました。");

        await page.ReloadAsync();
        await Expect(Choice(page, "要求者が自分のドメインの外にいる場合", "送信しない")).ToBeCheckedAsync();
        await Expect(Choice(page, "その他のすべての場合", "毎回確認する")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("すべてのメッセージで開封確認を要求する")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("すべてのメッセージで配信確認を要求する")).Not.ToBeCheckedAsync();
    }

    /// <summary>One radio button of a question's group (a fieldset whose legend is the question).</summary>
    private static ILocator Choice(IPage page, string question, string choice) =>
        page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true }).GetByRole(AriaRole.Radio, new() { Name = choice, Exact = true });
}
