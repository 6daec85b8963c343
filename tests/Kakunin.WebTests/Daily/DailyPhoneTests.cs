using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Kakunin.WebTests.Journey;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Daily;

/// <summary>
/// Issue 16, item 2 on a 375px phone, in English and Japanese (DailyUseTests does it on a desktop): Settings is in the
/// navigation there too (behind the folders button), "Name and password" is one tap further, and the settings page, the
/// name form and the password form fit the screen, every field and button wholly on it.
/// </summary>
public sealed class DailyPhoneTests(WebFixture web)
{
    public static TheoryData<string> Locales => new() { "en-GB", "ja-JP" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task On_a_phone_settings_are_in_the_navigation_and_the_name_and_password_forms_fit(string locale)
    {
        var (words, journey) = locale == "ja-JP" ? (DailyWords.Japanese, JourneyWords.Japanese) : (DailyWords.English, JourneyWords.English);
        var user = await web.Server.CreateUserAsync("phone-settings");
        var (context, page) = await web.Server.SignInNewAsync(web.Browser, user, new BrowserNewContextOptions
        {
            Locale = locale, ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        await using var _ = context;
        var errors = new PageErrors(page);

        await page.GotoAsync("/mail/Inbox");
        await page.Locator("[data-drawer-toggle]").TapAsync();
        var settings = page.Locator("#sidebar").GetByRole(AriaRole.Link, new() { Name = words.Settings, Exact = true });
        await settings.TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(journey.SettingsTitle);
        await FitsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = words.NameAndPassword, Exact = true }).TapAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(words.NameAndPassword);
        await FitsAsync(page);
        await page.GetByLabel(words.NameLabel, new() { Exact = true }).FillAsync(words.DisplayName);
        await page.GetByRole(AriaRole.Button, new() { Name = words.SaveName, Exact = true }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.NameSaved);
        await FitsAsync(page);
        foreach (var label in new[] { words.CurrentPassword, words.NewPassword, words.RepeatPassword })
        {
            await Expect(page.GetByLabel(label, new() { Exact = true })).ToBeVisibleAsync();
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = words.ChangePassword, Exact = true })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "settings-account-phone-" + locale[..2]);
        Assert.Empty(errors.All);
    }

    /// <summary>Nothing wider than the screen, and every field and button of the page's forms wholly inside it.</summary>
    private static async Task FitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        // When too wide: the innermost elements that reach past the screen, to name the culprit.
        var wide = width <= 375 ? [] : await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > 375.5 && ![...e.children].some(c => c.getBoundingClientRect().right > 375.5))
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(width <= 375, $"{page.Url} is {width}px wide: {string.Join(", ", wide)}");
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main input:not([type=hidden]), main select, main button, main a.button')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([, r]) => r.left < 0 || r.right > 375.5)
                .map(([e, r]) => (e.id || e.name || e.textContent.trim()) + ' ' + Math.round(r.left) + '..' + Math.round(r.right))
            """);
        Assert.True(outside.Length == 0, page.Url + ": " + string.Join(", ", outside));
    }
}
