using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.Store.Contacts;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Contacts;

/// <summary>
/// Issue 16 item 3 in Debian's chromium against a real server, in English and Japanese, on a desktop and a 375px
/// phone: the contacts page (add, edit, delete, precise errors for bad input), addresses collected from a message
/// sent in the webmail, and the To field's suggestions picked with the keyboard alone, the message then read in the
/// recipient's Inbox; another user's contacts are never offered.
/// </summary>
public sealed class AddressBookTests(WebFixture web)
{
    private WebServer Server => web.Server;

    public static TheoryData<string, int> Browsers => new() { { "en-GB", 1280 }, { "en-GB", 375 }, { "ja-JP", 1280 }, { "ja-JP", 375 } };

    [Theory]
    [MemberData(nameof(Browsers))]
    public async Task A_contact_is_added_edited_and_deleted_and_bad_input_gets_the_rule_it_broke(string locale, int width)
    {
        var w = ContactWords.For(locale);
        var user = await Server.CreateUserAsync("book");
        var (context, page) = await SignInAsync(user, locale, width);
        await using var _ = context;
        var errors = new PageErrors(page);

        await page.GotoAsync("/contacts");
        await Expect(page.Locator("#sidebar").GetByRole(AriaRole.Link, new() { Name = w.Contacts, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByRole(AriaRole.Link, new() { Name = w.NewContact, Exact = true }).ClickAsync();
        var name = page.GetByLabel(w.Name, new() { Exact = true });
        var address = page.GetByLabel(w.Address, new() { Exact = true });

        // No @: the sentence beside the field, the field marked, the form kept.
        await name.FillAsync("Dana Scully");
        await address.FillAsync("dana.remote.test");
        await page.GetByRole(AriaRole.Button, new() { Name = w.SaveContact, Exact = true }).ClickAsync();
        await Expect(page.Locator("#contact-address-error")).ToHaveTextAsync(w.NoAt);
        await Expect(address).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(address).ToHaveAttributeAsync("aria-describedby", "contact-address-error");
        await Expect(name).ToHaveValueAsync("Dana Scully");

        // A name and address in one field, and a 500-character name.
        await address.FillAsync("Dana <dana@remote.test>");
        await name.FillAsync(new string('n', 500));
        await page.GetByRole(AriaRole.Button, new() { Name = w.SaveContact, Exact = true }).ClickAsync();
        await Expect(page.Locator("#contact-address-error")).ToHaveTextAsync(w.NotOne);
        await Expect(page.Locator("#contact-name-error")).ToHaveTextAsync(w.NameTooLong);

        // Header injection: a browser's text field cannot hold a line break, so the form is posted as a script would.
        var injected = await PostFormAsync(page, "/contacts/new", new() { ["Name"] = "Evil\r\nBcc: victim@remote.test", ["Address"] = "evil@remote.test\r\nBcc: victim@remote.test" });
        Assert.Equal([w.NameControl, w.AddressControl], injected);

        // Added.
        var typedName = locale.StartsWith("ja", StringComparison.Ordinal) ? "山田 太郎" : "Dana Scully";
        await name.FillAsync(typedName);
        await address.FillAsync("Dana@Remote.test");
        await page.GetByRole(AriaRole.Button, new() { Name = w.SaveContact, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/contacts\\?notice=added$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(w.Added);
        var row = page.Locator("tr.contact-row[data-address='dana@remote.test']");
        await Expect(row.Locator(".contact-name")).ToHaveTextAsync(typedName);
        await Expect(row.Locator(".contact-kind")).ToHaveTextAsync(w.Saved);
        Assert.Equal(1, await page.Locator("tr.contact-row").CountAsync());
        await NoWiderThanTheScreenAsync(page, width);

        // The same address again is refused.
        await page.GotoAsync("/contacts/new");
        await address.FillAsync("dana@remote.test");
        await page.GetByRole(AriaRole.Button, new() { Name = w.SaveContact, Exact = true }).ClickAsync();
        await Expect(page.Locator("#contact-address-error")).ToContainTextAsync(locale.StartsWith("ja", StringComparison.Ordinal) ? "すでに" : "already");

        // Edited.
        await page.GotoAsync("/contacts");
        await row.GetByRole(AriaRole.Link, new() { Name = w.Edit + " " + typedName, Exact = true }).ClickAsync();
        await Expect(name).ToHaveValueAsync(typedName);
        await name.FillAsync(typedName + " 2");
        await page.GetByRole(AriaRole.Button, new() { Name = w.SaveContact, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(w.Updated);
        await Expect(row.Locator(".contact-name")).ToHaveTextAsync(typedName + " 2");

        // Deleted.
        await row.GetByRole(AriaRole.Button, new() { Name = w.Delete + " " + typedName + " 2", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(w.Deleted);
        await Expect(page.Locator("tr.contact-row")).ToHaveCountAsync(0);
        Assert.Empty(errors.All);
    }

    [Theory]
    [InlineData("en-GB", 1280)]
    [InlineData("ja-JP", 375)]
    public async Task Addresses_written_to_are_collected_with_the_typed_name_and_can_be_saved_or_forgotten(string locale, int width)
    {
        var w = ContactWords.For(locale);
        var user = await Server.CreateUserAsync("collector");
        var fox = await Server.CreateUserAsync("fox");
        var dana = await Server.CreateUserAsync("dana");
        var (context, page) = await SignInAsync(user, locale, width);
        await using var _ = context;

        await page.GotoAsync("/compose");
        await page.GetByLabel(w.To, new() { Exact = true }).FillAsync($"Fox Mulder <{fox}>, {dana}");
        await page.GetByLabel(w.Subject, new() { Exact = true }).FillAsync("The files");
        await page.GetByRole(AriaRole.Button, new() { Name = w.Send, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Sent/\d+\?notice=sent$"));

        await page.GotoAsync("/contacts");
        var foxRow = page.Locator($"tr.contact-row[data-address='{fox}']");
        var danaRow = page.Locator($"tr.contact-row[data-address='{dana}']");
        await Expect(foxRow.Locator(".contact-name")).ToHaveTextAsync("Fox Mulder");
        await Expect(foxRow.Locator(".kind")).ToHaveTextAsync(w.Collected);
        await Expect(danaRow.Locator(".kind")).ToHaveTextAsync(w.Collected);

        await foxRow.GetByRole(AriaRole.Button, new() { Name = w.Save + " Fox Mulder", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(w.Kept);
        await Expect(foxRow.Locator(".kind")).ToHaveTextAsync(w.Saved);
        await danaRow.GetByRole(AriaRole.Button, new() { Name = w.Forget + " " + dana, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(w.Forgotten);
        await Expect(danaRow).ToHaveCountAsync(0);
        await NoWiderThanTheScreenAsync(page, width);
    }

    [Theory]
    [MemberData(nameof(Browsers))]
    public async Task Three_letters_in_To_and_the_keyboard_pick_the_contact_and_the_message_reaches_that_inbox(string locale, int width)
    {
        var w = ContactWords.For(locale);
        var japanese = locale.StartsWith("ja", StringComparison.Ordinal);
        var user = await Server.CreateUserAsync("picker");
        var other = await Server.CreateUserAsync("other");
        var walter = await Server.CreateUserAsync("walter");
        var walden = await Server.CreateUserAsync("walden");
        var (wanted, decoy, typed) = japanese ? ("山田 太郎", "山田 花子", "山田太") : ("Walter Skinner", "Walden Wax", "wal");
        await using (var store = await Server.Process.OpenStoreAsync())
        {
            var book = new ContactBook(store);
            await book.AddAsync(user, walter, wanted, DateTimeOffset.UtcNow, CancellationToken.None);
            // Collected once, so ranked below the saved one.
            await store.Writer.WriteAsync(tx => ContactCollection.Record(tx, user, [(walden, decoy)], DateTimeOffset.UtcNow), CancellationToken.None);
            // Another user's contact that matches what is typed: never offered.
            await book.AddAsync(other, "walt.secret@remote.test", japanese ? "山田 秘密" : "Walt Secret", DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var (context, page) = await SignInAsync(user, locale, width);
        await using var _ = context;
        var errors = new PageErrors(page);
        await page.GotoAsync("/compose");
        var to = page.GetByRole(AriaRole.Combobox, new() { Name = w.To, Exact = true });
        await to.FocusAsync();
        await page.Keyboard.TypeAsync(typed);

        var list = page.GetByRole(AriaRole.Listbox);
        await Expect(to).ToHaveAttributeAsync("aria-expanded", "true");
        var options = list.GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(2);
        await Expect(options.Nth(0)).ToContainTextAsync(wanted);
        await Expect(options.Nth(1)).ToContainTextAsync(decoy);
        await Expect(list).Not.ToContainTextAsync("secret");

        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        Assert.Equal(await options.Nth(0).GetAttributeAsync("id"), await to.GetAttributeAsync("aria-activedescendant"));
        await page.Keyboard.PressAsync("Enter"); // accepts; does not send
        await Expect(to).ToHaveValueAsync($"{wanted} <{walter}>, ");
        await Expect(to).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(list).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/compose$"));

        // Escape closes an open list and keeps what was typed.
        await page.Keyboard.TypeAsync(typed[..2]);
        await Expect(to).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("Escape");
        await Expect(to).ToHaveAttributeAsync("aria-expanded", "false");
        await to.FillAsync($"{wanted} <{walter}>");

        var subject = "Picked by keyboard " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel(w.Subject, new() { Exact = true }).FillAsync(subject);
        await page.GetByLabel(w.Body, new() { Exact = true }).FillAsync("Found in the address book.");
        await page.GetByRole(AriaRole.Button, new() { Name = w.Send, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Sent/\d+\?notice=sent$"));

        // Walter reads it in his own Inbox.
        var (walterContext, walterPage) = await SignInAsync(walter, locale, width);
        await using var __ = walterContext;
        await Journey.Journeys.OpenFromInboxAsync(walterPage, subject);

        // The other user asks for the same letters and gets only their own.
        var (otherContext, otherPage) = await SignInAsync(other, locale, width);
        await using var ___ = otherContext;
        var theirs = await otherPage.EvaluateAsync<string>($"async () => await (await fetch('/contacts/suggest?q={Uri.EscapeDataString(typed)}')).text()");
        Assert.Contains("walt.secret@remote.test", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(walter, theirs, StringComparison.Ordinal);
        var mine = await page.EvaluateAsync<string>($"async () => await (await fetch('/contacts/suggest?q={Uri.EscapeDataString(typed)}')).text()");
        Assert.DoesNotContain("secret", mine, StringComparison.Ordinal);
        Assert.Empty(errors.All);
    }

    private Task<(IBrowserContext Context, IPage Page)> SignInAsync(string user, string locale, int width) =>
        Server.SignInNewAsync(web.Browser, user, new BrowserNewContextOptions
        {
            Locale = locale, ViewportSize = new() { Width = width, Height = 800 }, IsMobile = width < 700, HasTouch = width < 700,
        });

    /// <summary>Posts a form with the page's antiforgery token (as the browser would, cookies included); returns the answer's two field errors.</summary>
    private static async Task<string?[]> PostFormAsync(IPage page, string url, Dictionary<string, string> fields) =>
        await page.EvaluateAsync<string?[]>(
            """
            async ([url, fields]) => {
                const data = new FormData();
                data.append('__RequestVerificationToken', document.querySelector('input[name=__RequestVerificationToken]').value);
                for (const [k, v] of Object.entries(fields)) data.append(k, v);
                const html = await (await fetch(url, { method: 'POST', body: data })).text();
                const answer = new DOMParser().parseFromString(html, 'text/html');
                return ['#contact-name-error', '#contact-address-error'].map(id => answer.querySelector(id)?.textContent ?? null);
            }
            """,
            new object[] { url, fields });

    private static async Task NoWiderThanTheScreenAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, $"{page.Url} is wider than {width}px");
}
