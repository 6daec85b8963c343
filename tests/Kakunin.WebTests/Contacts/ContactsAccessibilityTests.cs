using Kakunin.Store.Contacts;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Contacts;

/// <summary>
/// axe-core on the contacts pages (a saved and a collected contact listed; the form with both field errors) and on
/// compose with the suggestion list open and an option active, in English and Japanese at 1280 and 375px: no serious or
/// critical violation (as Accessibility/AccessibilityTests for the other pages).
/// </summary>
public sealed class ContactsAccessibilityTests(WebFixture web)
{
    [Theory]
    [InlineData("en-GB", 1280)]
    [InlineData("en-GB", 375)]
    [InlineData("ja-JP", 1280)]
    [InlineData("ja-JP", 375)]
    public async Task The_contacts_pages_and_the_open_suggestion_list_have_no_serious_or_critical_axe_violation(string locale, int width)
    {
        var user = await web.Server.CreateUserAsync("axe-book");
        long id;
        await using (var store = await web.Server.Process.OpenStoreAsync())
        {
            var book = new ContactBook(store);
            id = (await book.AddAsync(user, "dana@remote.test", "Dana Scully", DateTimeOffset.UtcNow, CancellationToken.None)).Id!.Value;
            await store.Writer.WriteAsync(tx => ContactCollection.Record(tx, user, [("danny@remote.test", "山田 ダニー")], DateTimeOffset.UtcNow), CancellationToken.None);
        }

        var (context, page) = await web.Server.SignInNewAsync(web.Browser, user, Axe.ContextOptions(locale, width));
        await using var _ = context;
        var found = new List<string>();

        foreach (var url in new[] { "/contacts", "/contacts?q=dan", "/contacts?q=nobody", $"/contacts/{id}", "/contacts/new" })
        {
            await page.GotoAsync(url);
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => url + " " + v));
        }

        // The form with both errors shown.
        await page.Locator("#contact-name").FillAsync(new string('n', 101));
        await page.Locator("#contact-address").FillAsync("no-at");
        await page.Locator("form.contact-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#contact-address-error")).ToBeVisibleAsync();
        found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "/contacts/new (errors) " + v));

        // Compose with the list open and the second option active.
        await page.GotoAsync("/compose");
        await page.Locator("#to").FocusAsync();
        await page.Keyboard.TypeAsync("dan");
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Option).Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "/compose (list open) " + v));
        await Expect(page.Locator("#to")).ToHaveAttributeAsync("aria-expanded", "true"); // still open after axe ran

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
