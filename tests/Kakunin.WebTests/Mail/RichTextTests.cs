using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using MailKit;
using MailKit.Search;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>
/// Issue 16 item 5, rich-text compose, in Debian's chromium: a word made bold and a list made with the toolbar and
/// with the keyboard, a link (a javascript: one refused), sent to a local user who sees the formatting; the stored
/// message is multipart/alternative with the exact text part, and MailKit over IMAP sees both parts. A crafted POST
/// is cleaned on the server; without script the message stays text/plain; axe finds nothing serious on the editor.
/// </summary>
public sealed class RichTextTests(WebFixture web, RichTextServerFixture rich) : IClassFixture<RichTextServerFixture>
{
    private WebServer Server => rich.Server;

    public sealed record Words(string To, string Subject, string Send, string Bold, string Bulleted, string Link, string LinkAddress, string LinkRefused, string Reply, string Sentence, string Word, string First, string Second, string Thanks);

    private static readonly Words English = new(
        "To", "Subject", "Send", "Bold", "Bulleted list", "Link", "Link address",
        "Only web (http, https) and email (mailto) links can be added, for example https://example.com.", "Reply",
        "Please sign the contract", "sign", "first item", "second item", "Thanks, see ");

    private static readonly Words Japanese = new(
        "宛先", "件名", "送信", "太字", "箇条書き", "リンク", "リンク先のアドレス",
        "追加できるのはウェブ（http、https）とメール（mailto）のリンクだけです。例: https://example.com", "返信",
        "契約書に署名してください", "署名", "一つ目", "二つ目", "よろしく、詳細は ");

    [Theory]
    [InlineData("en-GB", 1280, false)]
    [InlineData("en-GB", 375, true)]
    [InlineData("ja-JP", 1280, true)]
    [InlineData("ja-JP", 375, false)]
    public async Task Bold_a_list_and_a_link_arrive_formatted_with_a_faithful_text_part(string locale, int width, bool keyboard)
    {
        var words = locale.StartsWith("ja", StringComparison.Ordinal) ? Japanese : English;
        var sender = await Server.CreateUserAsync("rich");
        var recipient = await Server.CreateUserAsync("reader");
        var subject = $"Rich {locale} {width} {Guid.NewGuid():N}"[..30];
        var options = new BrowserNewContextOptions { Locale = locale, ViewportSize = new() { Width = width, Height = 800 }, IsMobile = width < 700, HasTouch = width < 700 };
        var (context, page) = await Server.SignInNewAsync(web.Browser, sender, options);
        await using var _ = context;
        var errors = new PageErrors(page);

        await page.GotoAsync("/compose");
        await page.GetByLabel(words.To, new() { Exact = true }).FillAsync(recipient);
        await page.GetByLabel(words.Subject, new() { Exact = true }).FillAsync(subject);
        var toolbar = page.GetByRole(AriaRole.Toolbar);
        var bold = toolbar.GetByRole(AriaRole.Button, new() { Name = words.Bold, Exact = true });
        await Expect(bold).ToHaveAttributeAsync("aria-pressed", "false");

        // Typed in the plain field, the word selected with the keyboard, then made bold: the body becomes the editor.
        var textarea = page.Locator("textarea#body");
        await textarea.FillAsync(words.Sentence);
        await textarea.PressAsync("Home");
        var start = words.Sentence.IndexOf(words.Word, StringComparison.Ordinal);
        for (var i = 0; i < start; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        for (var i = 0; i < words.Word.Length; i++)
        {
            await page.Keyboard.PressAsync("Shift+ArrowRight");
        }

        await Press(page, keyboard, "Control+B", bold);
        var editor = page.GetByRole(AriaRole.Textbox, new() { Name = locale.StartsWith("ja", StringComparison.Ordinal) ? "本文" : "Message", Exact = true });
        await Expect(editor).ToBeFocusedAsync();
        await Expect(editor.Locator("b")).ToHaveTextAsync(words.Word);
        await Expect(bold).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(textarea).ToBeHiddenAsync();

        // A list on the next lines; Enter on an empty item leaves the list.
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(words.First);
        await Press(page, keyboard, "Control+Shift+Digit8", toolbar.GetByRole(AriaRole.Button, new() { Name = words.Bulleted, Exact = true }));
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = words.Bulleted, Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(words.Second);
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(words.Thanks);

        // A link: the address asked for; javascript: refused with the reason, https accepted.
        await Press(page, keyboard, "Control+K", toolbar.GetByRole(AriaRole.Button, new() { Name = words.Link, Exact = true }));
        var address = page.GetByRole(AriaRole.Textbox, new() { Name = words.LinkAddress, Exact = true });
        await Expect(address).ToBeFocusedAsync();
        await FitsTheScreenAsync(page, width); // the toolbar and the open link box, on a phone too
        await address.FillAsync("javascript:alert(1)");
        await address.PressAsync("Enter");
        await Expect(page.Locator("#link-error")).ToHaveTextAsync(words.LinkRefused);
        await Expect(address).ToHaveAttributeAsync("aria-invalid", "true");
        await address.FillAsync("https://example.test/plan");
        await address.PressAsync("Enter");
        await Expect(address).ToBeHiddenAsync();
        await Expect(editor.Locator("a[href='https://example.test/plan']")).ToHaveTextAsync("https://example.test/plan");
        await Expect(editor.Locator("ul > li")).ToHaveTextAsync([words.First, words.Second]);
        await FitsTheScreenAsync(page, width);
        await Screenshots.SaveAsync(page, $"compose-rich-{locale[..2]}-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = words.Send, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Sent/\d+\?notice=sent$"));
        var sentFrame = page.FrameLocator("iframe[data-message-frame]");
        await Expect(sentFrame.Locator("b")).ToHaveTextAsync(words.Word); // the Sent copy shows formatted

        // The stored message: multipart/alternative, text first, with exactly this text.
        var stored = await Server.Process.WaitForMessageAsync(recipient, "Inbox", m => m.Subject == subject, "the rich message");
        var expectedText = $"{words.Sentence.Replace(words.Word, "*" + words.Word + "*", StringComparison.Ordinal)}\n- {words.First}\n- {words.Second}\n{words.Thanks}https://example.test/plan";
        AssertAlternative(stored, expectedText, words.Word);

        // MailKit over IMAP sees the same two parts.
        using (var imap = await rich.ImapAsync(recipient))
        {
            var inbox = imap.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadOnly);
            var uid = (await inbox.SearchAsync(SearchQuery.SubjectContains(subject))).Single();
            var summary = (await inbox.FetchAsync([uid], MessageSummaryItems.BodyStructure)).Single();
            var alternative = Assert.IsType<BodyPartMultipart>(summary.Body);
            Assert.Equal("multipart/alternative", alternative.ContentType.MimeType);
            Assert.Equal(["text/plain", "text/html"], alternative.BodyParts.Select(p => p.ContentType.MimeType));
            AssertAlternative(await inbox.GetMessageAsync(uid), expectedText, words.Word);
        }

        // The recipient sees the formatting, and a reply quotes it as HTML.
        var (readerContext, reader) = await Server.SignInNewAsync(web.Browser, recipient, options);
        await using var __ = readerContext;
        await reader.Locator(".message-row", new() { HasText = subject }).ClickAsync();
        var frame = reader.FrameLocator("iframe[data-message-frame]");
        await Expect(frame.Locator("b")).ToHaveTextAsync(words.Word);
        await Expect(frame.Locator("ul > li")).ToHaveTextAsync([words.First, words.Second]);
        await Expect(frame.Locator("a[href='https://example.test/plan']")).ToBeVisibleAsync();
        await reader.GetByRole(AriaRole.Link, new() { Name = words.Reply, Exact = true }).ClickAsync();
        var replyEditor = reader.Locator("#body-editor");
        await Expect(replyEditor.Locator("blockquote b")).ToHaveTextAsync(words.Word);
        await Expect(replyEditor).ToBeFocusedAsync();

        Assert.Empty(errors.All);
    }

    /// <summary>
    /// The three formats the test above does not press — italic, numbered list, quote — with their shortcuts alone, in
    /// the two browsers it leaves out of each pairing (en at 375, ja at 1280): the buttons say they are on, and the message
    /// arrives with them in its HTML and as a person would write them in its text part.
    /// </summary>
    [Theory]
    [InlineData("en-GB", 375, "quietly", "one", "two", "cited words")]
    [InlineData("ja-JP", 1280, "そっと", "一つ目", "二つ目", "引用した言葉")]
    public async Task Italic_a_numbered_list_and_a_quote_arrive_formatted_with_their_text_part(string locale, int width, string word, string first, string second, string cited)
    {
        var sender = await Server.CreateUserAsync("rich2");
        var recipient = await Server.CreateUserAsync("reader2");
        var subject = $"Rich2 {locale} {Guid.NewGuid():N}"[..28];
        var options = new BrowserNewContextOptions { Locale = locale, ViewportSize = new() { Width = width, Height = 800 }, IsMobile = width < 700, HasTouch = width < 700 };
        var (context, page) = await Server.SignInNewAsync(web.Browser, sender, options);
        await using var _ = context;
        var errors = new PageErrors(page);

        await page.GotoAsync("/compose");
        await page.Locator("#to").FillAsync(recipient);
        await page.Locator("#subject").FillAsync(subject);
        await page.Locator("textarea#body").FocusAsync();
        var toolbar = page.GetByRole(AriaRole.Toolbar);
        await page.Keyboard.PressAsync("Control+I");
        await Expect(toolbar.Locator("[data-format=italic]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.TypeAsync(word);
        await page.Keyboard.PressAsync("Control+I");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Control+Shift+Digit7");
        await Expect(toolbar.Locator("[data-format=numbered]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.TypeAsync(first);
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(second);
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Control+Shift+Digit9");
        await Expect(toolbar.Locator("[data-format=quote]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.TypeAsync(cited);
        var editor = page.Locator("#body-editor");
        await Expect(editor.Locator("i, em")).ToHaveTextAsync(word);
        await Expect(editor.Locator("ol > li")).ToHaveTextAsync([first, second]);
        await Expect(editor.Locator("blockquote")).ToContainTextAsync(cited);
        await FitsTheScreenAsync(page, width);

        await page.Locator("form button[type=submit][name=handler][value=Send], form button[formaction*='handler=Send']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Sent/\d+\?notice=sent$"));
        var stored = await Server.Process.WaitForMessageAsync(recipient, "Inbox", m => m.Subject == subject, "the formatted message");
        Assert.IsType<MultipartAlternative>(stored.Body);
        Assert.Matches($"<(i|em)>{word}</(i|em)>", stored.HtmlBody);
        Assert.Matches($"<ol>\\s*<li>{first}</li>\\s*<li>{second}</li>\\s*</ol>", stored.HtmlBody);
        Assert.Matches($"<blockquote>[^<]*(<[^/][^>]*>)*{cited}", stored.HtmlBody);
        var text = stored.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(word + "\n", text, StringComparison.Ordinal); // italic is the plain word, no /slashes/
        Assert.DoesNotContain("/" + word, text, StringComparison.Ordinal);
        Assert.Contains($"1. {first}\n2. {second}", text, StringComparison.Ordinal);
        Assert.Contains("> " + cited, text, StringComparison.Ordinal);
        Assert.Empty(errors.All);
    }

    [Fact]
    public async Task A_crafted_post_is_sanitised_on_the_server_and_a_draft_keeps_the_formatting()
    {
        var sender = await Server.CreateUserAsync("crafted");
        var recipient = await Server.CreateUserAsync("target");
        var (context, page) = await Server.SignInNewAsync(web.Browser, sender);
        await using var _ = context;
        await page.GotoAsync("/compose");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        const string crafted = "<div onclick=\"steal()\">Hi <b onmouseover=\"x()\">there</b></div><script>alert(1)</script>"
            + "<img src=\"http://tracker.example/p.gif\" onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">click</a>"
            + "<a href=\"https://example.test/ok\" style=\"color:red\">ok</a><iframe src=\"https://evil.example/\"></iframe>";

        IFormData Form(string subject)
        {
            var form = context.APIRequest.CreateFormData();
            form.Set("__RequestVerificationToken", token);
            form.Set("Form.To", recipient);
            form.Set("Form.Subject", subject);
            form.Set("Form.BodyHtml", crafted);
            return form;
        }

        var send = await page.APIRequest.PostAsync("/compose?handler=Send", new() { Form = Form("crafted send") });
        Assert.True(send.Ok, $"HTTP {send.Status}");
        var stored = await Server.Process.WaitForMessageAsync(recipient, "Inbox", m => m.Subject == "crafted send", "the crafted message");
        Assert.Equal("<div>Hi <b>there</b></div>click<a href=\"https://example.test/ok\">ok</a>", stored.HtmlBody);
        Assert.Equal("Hi *there*\nclickok <https://example.test/ok>", stored.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        var raw = stored.HtmlBody + stored.TextBody;
        foreach (var bad in new[] { "script", "onclick", "onerror", "onmouseover", "tracker.example", "javascript:", "evil.example", "style=" })
        {
            Assert.DoesNotContain(bad, raw, StringComparison.OrdinalIgnoreCase);
        }

        // The same through Save draft: stored clean, and the draft opens in the editor with its bold word.
        var draft = await page.APIRequest.PostAsync("/compose?handler=SaveDraft", new() { Form = Form("crafted draft") });
        Assert.True(draft.Ok, $"HTTP {draft.Status}");
        var saved = (await Server.Process.FolderAsync(sender, "Drafts")).Single(m => m.Subject == "crafted draft");
        Assert.Equal("<div>Hi <b>there</b></div>click<a href=\"https://example.test/ok\">ok</a>", saved.HtmlBody);
        await page.GotoAsync("/mail/Drafts");
        await page.Locator(".message-row", new() { HasText = "crafted draft" }).ClickAsync();
        await Expect(page.Locator("#body-editor b")).ToHaveTextAsync("there");
        await Expect(page.Locator("#body-editor a")).ToHaveAttributeAsync("href", "https://example.test/ok");
    }

    [Fact]
    public async Task Without_script_the_body_is_the_plain_field_and_the_message_stays_text_plain()
    {
        var sender = await Server.CreateUserAsync("noscript");
        var recipient = await Server.CreateUserAsync("plain");
        var (context, page) = await Server.SignInNewAsync(web.Browser, sender, new BrowserNewContextOptions { JavaScriptEnabled = false });
        await using var _ = context;
        await page.GotoAsync("/compose");
        await Expect(page.GetByRole(AriaRole.Toolbar)).ToHaveCountAsync(0); // hidden: not in the accessibility tree
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(recipient);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("typed markup");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Typed <b>markup</b> stays text");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Sent/\d+\?notice=sent$"));
        var stored = await Server.Process.WaitForMessageAsync(recipient, "Inbox", m => m.Subject == "typed markup", "the plain message");
        var part = Assert.IsType<TextPart>(stored.Body);
        Assert.Equal("text/plain", part.ContentType.MimeType);
        Assert.Equal("Typed <b>markup</b> stays text", part.Text.TrimEnd());
    }

    [Theory]
    [InlineData("en-GB", 1280)]
    [InlineData("en-GB", 375)]
    [InlineData("ja-JP", 1280)]
    [InlineData("ja-JP", 375)]
    public async Task The_editor_and_its_link_box_have_no_serious_or_critical_axe_violation(string locale, int width)
    {
        var sender = await Server.CreateUserAsync("axe-rich");
        var context = await Server.NewContextAsync(web.Browser, Axe.ContextOptions(locale, width));
        await using var _ = context;
        var page = await context.NewPageAsync();
        await WebServer.SignInAsync(page, sender);
        await page.GotoAsync("/compose");
        await page.Locator("textarea#body").FillAsync("axe");
        await page.Locator("textarea#body").PressAsync("Control+A");
        await page.Locator("textarea#body").PressAsync("Control+B");
        await Expect(page.Locator("#body-editor b")).ToHaveTextAsync("axe");
        await page.Locator("#body-editor").PressAsync("Control+K");
        await Expect(page.Locator("#link-address")).ToBeFocusedAsync();
        var found = await Axe.SeriousViolationsAsync(page);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static async Task Press(IPage page, bool keyboard, string keys, ILocator button)
    {
        if (keyboard)
        {
            await page.Keyboard.PressAsync(keys);
        }
        else
        {
            await button.ClickAsync();
        }
    }

    private static void AssertAlternative(MimeMessage message, string expectedText, string boldWord)
    {
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType)); // RFC 2046 §5.1.4
        Assert.All(alternative, p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
        Assert.Equal(expectedText, message.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        Assert.Contains($"<b>{boldWord}</b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.test/plan\">", message.HtmlBody, StringComparison.Ordinal);
    }

    /// <summary>
    /// Nothing on the compose page is wider than the screen, and every toolbar button, the editor and the link box (when
    /// open) lie wholly inside it: at 375px a button pushed off the right edge could not be tapped.
    /// </summary>
    private static async Task FitsTheScreenAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"/compose is {scrollWidth}px wide at {width}px");
        var outside = await page.EvaluateAsync<string[]>(
            """
            width => [...document.querySelectorAll('[role=toolbar] button, [role=textbox][contenteditable], .link-box input, .link-box button')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([, r]) => r.left < 0 || r.right > width + 0.5)
                .map(([e, r]) => (e.getAttribute('aria-label') || e.textContent.trim() || e.id || e.tagName) + ' ' + Math.round(r.left) + '..' + Math.round(r.right))
            """, width);
        Assert.True(outside.Length == 0, string.Join(", ", outside));
    }
}
