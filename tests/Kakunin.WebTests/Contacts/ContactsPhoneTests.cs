using Kakunin.Store.Contacts;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Contacts;

/// <summary>
/// Issue 16, item 3: the contacts page on a 375px phone and a desktop, in English and Japanese, with a long address, a
/// Japanese name and a collected contact, listed and searched. Under 700px each contact is a card; nothing is wider than
/// the screen, every button (Edit, Delete, Save, Forget, New contact, Search) lies wholly on it, and an address breaks
/// only after "@" or "." (measured per character, as the Tracking page's).
/// </summary>
public sealed class ContactsPhoneTests(WebFixture web)
{
    // Long enough to need two lines in a 375px card, with a hyphen a browser would otherwise break at.
    private const string Long = "jonathan.fitzgerald-worthington@engineering.remote.test";

    [Theory]
    [InlineData("en-GB", 375)]
    [InlineData("ja-JP", 375)]
    [InlineData("en-GB", 1280)]
    [InlineData("ja-JP", 1280)]
    public async Task The_contacts_list_and_its_search_fit_the_screen_and_never_break_an_address_inside_a_word(string locale, int width)
    {
        var user = await web.Server.CreateUserAsync("book-phone");
        await using (var store = await web.Server.Process.OpenStoreAsync())
        {
            var book = new ContactBook(store);
            await book.AddAsync(user, Long, "Jonathan Fitzgerald-Worthington", DateTimeOffset.UtcNow, CancellationToken.None);
            await book.AddAsync(user, "yamada.taro@remote.test", "山田 太郎", DateTimeOffset.UtcNow, CancellationToken.None);
            await store.Writer.WriteAsync(tx => ContactCollection.Record(tx, user, [("sato.hanako@engineering.remote.test", "佐藤 花子")], DateTimeOffset.UtcNow), CancellationToken.None);
        }

        var (context, page) = await web.Server.SignInNewAsync(web.Browser, user, new BrowserNewContextOptions
        {
            Locale = locale, ViewportSize = new() { Width = width, Height = 800 }, IsMobile = width < 700, HasTouch = width < 700,
        });
        await using var _ = context;
        var errors = new PageErrors(page);

        await page.GotoAsync("/contacts");
        await Expect(page.Locator("tr.contact-row")).ToHaveCountAsync(3);
        var display = await page.Locator("tr.contact-row").First.EvaluateAsync<string>("e => getComputedStyle(e).display");
        Assert.Equal(width < 700 ? "block" : "table-row", display);
        await FitsAsync(page, width);
        await Screenshots.SaveAsync(page, $"contacts-{locale[..2]}-{width}");

        // A search in the reader's script: 山田 finds the one contact, on a card that fits as well.
        await page.GotoAsync("/contacts?q=" + Uri.EscapeDataString(locale == "ja-JP" ? "山田" : "fitz"));
        await Expect(page.Locator("tr.contact-row")).ToHaveCountAsync(1);
        await FitsAsync(page, width);
        Assert.Empty(errors.All);
    }

    private static async Task FitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide at {width}px");
        var outside = await page.EvaluateAsync<string[]>("""
            width => [...document.querySelectorAll('main button, main a.button, main input:not([type=hidden])')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([, r]) => r.left < 0 || r.right > width + 0.5)
                .map(([e, r]) => e.textContent.trim() + ' ' + Math.round(r.left) + '..' + Math.round(r.right))
            """, width);
        Assert.True(outside.Length == 0, page.Url + ": " + string.Join(", ", outside));
        var addresses = page.Locator("tr.contact-row .contact-address");
        Assert.Empty(await addresses.EvaluateAllAsync<string[]>(AddressLayout.BadBreaks));
        if (width < 700 && !page.Url.Contains("?q=", StringComparison.Ordinal))
        {
            // The check means something only if an address did need more than one line.
            Assert.Contains(await addresses.EvaluateAllAsync<int[]>(AddressLayout.Lines), n => n > 1);
        }
    }
}
