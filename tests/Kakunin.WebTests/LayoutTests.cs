using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests;

/// <summary>The shell on a desktop and on a phone, by mouse and by keyboard.</summary>
public sealed class LayoutTests(WebFixture web)
{
    [Fact]
    public async Task On_a_desktop_the_folders_are_a_sidebar_with_the_current_one_marked()
    {
        var (context, page) = await web.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var _ = context;
        await WebServer.SignInAsync(page, WebServer.Alice);

        await Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        var folders = page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });
        await Expect(folders).ToBeVisibleAsync();
        await Expect(page.Locator("[data-drawer-toggle]")).ToBeHiddenAsync();
        await Expect(folders.Locator(".folder-name")).ToHaveTextAsync(["Inbox", "Sent", "Drafts", "Trash", "Junk", "Receipts"]); // links also hold unread counts

        await folders.GetByRole(AriaRole.Link, new() { Name = "Drafts" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Drafts$"));
        await Expect(folders.Locator("[aria-current=page]")).ToHaveTextAsync("Drafts");
        Assert.Equal(404, (await page.GotoAsync("/mail/NoSuchFolder"))!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Expect(folders).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_jumps_to_the_content()
    {
        var (context, page) = await web.NewPageAsync();
        await using var _ = context;
        await WebServer.SignInAsync(page, WebServer.Alice);

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task On_a_375px_phone_the_folders_hide_behind_a_button_that_opens_with_the_keyboard()
    {
        var (context, page) = await web.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true });
        await using var _ = context;
        await WebServer.SignInAsync(page, WebServer.Alice);

        var sidebar = page.Locator("#sidebar");
        var button = page.Locator("[data-drawer-toggle]");
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(button).ToBeVisibleAsync();
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(button).ToHaveAccessibleNameAsync("Folders");
        await Screenshots.SaveAsync(page, "inbox-phone");

        // Reach the button with Tab, as a keyboard user would, then open it with Enter.
        for (var i = 0; i < 10 && !await button.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(sidebar).ToBeVisibleAsync();
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(sidebar.Locator("[aria-current=page]")).ToBeFocusedAsync();
        await Screenshots.SaveAsync(page, "inbox-phone-folders-open");

        await page.Keyboard.PressAsync("Escape");
        await Expect(sidebar).ToBeHiddenAsync();
        await Expect(button).ToBeFocusedAsync();

        // Space opens it too; following a folder link from the drawer works.
        await page.Keyboard.PressAsync(" ");
        await Expect(sidebar).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Sent" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Sent$"));
        await Expect(sidebar).ToBeHiddenAsync();
    }
}
