using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>The compose form: drafts, the field errors, the attachment limit, and the same in Japanese.</summary>
public sealed class ComposeTests(WebFixture web)
{
    [Fact]
    public async Task A_draft_keeps_everything_and_reopens_filled_in_and_sending_it_empties_drafts()
    {
        var user = await web.Server.CreateUserAsync("drafts");
        var hidden = await web.Server.CreateUserAsync("bcc");
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;

        await page.GotoAsync("/compose");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(user);
        await page.GetByText("Add Bcc").ClickAsync();
        await page.GetByLabel("Bcc", new() { Exact = true }).FillAsync(hidden);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Plans for Friday");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("First thoughts:\n- lunch\n- 会議室");
        await page.GetByLabel("Request a read receipt").CheckAsync();
        await page.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "lunch at noon"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/compose\\?draft=\\d+&notice=draft$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Drafts" }).ClickAsync();
        var row = page.Locator(".message-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".message-who")).ToHaveTextAsync("To: " + user);
        await row.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/compose\\?draft=\\d+$"));
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(user);
        await Expect(page.GetByLabel("Bcc", new() { Exact = true })).ToHaveValueAsync(hidden);
        await Expect(page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Plans for Friday");
        await Expect(page.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync("First thoughts:\n- lunch\n- 会議室");
        await Expect(page.GetByLabel("Request a read receipt")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Request a delivery receipt")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("Keep notes.txt")).ToBeCheckedAsync();

        // Saved again with the delivery receipt: still one draft, now with both boxes.
        await page.GetByLabel("Request a delivery receipt").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByLabel("Request a delivery receipt")).ToBeCheckedAsync();
        await page.GotoAsync("/mail/Drafts");
        await Expect(page.Locator(".message-row")).ToHaveCountAsync(1);
        await page.Locator(".message-row").ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/mail/Sent/\\d+\\?notice=sent$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download notes.txt" })).ToBeVisibleAsync();
        await page.GotoAsync("/mail/Drafts");
        await Expect(page.Locator(".empty-state")).ToHaveTextAsync("This folder is empty.");
        var inbox = page.Locator(".message-row", new() { HasText = "Plans for Friday" });
        await page.GotoAsync("/mail/Inbox");
        await WebServer.ReloadUntilAsync(page, inbox, new Regex("Plans for Friday"));
        var sent = (await web.Server.Process.FolderAsync(user, "Sent")).Single();
        Assert.Null(sent.Headers["X-Kakunin-Request-DSN"]);
        Assert.Empty(sent.Bcc);
        await web.Server.Process.WaitForMessageAsync(hidden, "Inbox", m => m.Subject == "Plans for Friday", "the Bcc copy");
    }

    [Fact]
    public async Task Forward_carries_the_original_text_and_the_attachments_the_sender_keeps()
    {
        var user = await web.Server.CreateUserAsync("forward");
        var original = WebServer.TextMessage(user, "Quarterly figures", "See both files.");
        original.Body = new MimeKit.BodyBuilder
        {
            TextBody = "See both files.",
            Attachments = { { "q1.csv", "a,b\n1,2"u8.ToArray() }, { "q2.csv", "a,b\n3,4"u8.ToArray() } },
        }.ToMessageBody();
        await web.Server.SeedAsync(user, "Inbox", [original], DateTimeOffset.UtcNow);
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;

        await page.GetByRole(AriaRole.Link, new() { Name = "Quarterly figures" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Forward" }).ClickAsync();
        await Expect(page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Fwd: Quarterly figures");
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToBeFocusedAsync();
        var body = await page.GetByLabel("Message", new() { Exact = true }).InputValueAsync();
        Assert.Contains("---------- Forwarded message ----------\nFrom: \"Dana Sender\" <dana@outside.test>", body, StringComparison.Ordinal);
        Assert.Contains("See both files.", body, StringComparison.Ordinal);
        await Expect(page.GetByLabel("Keep q1.csv")).ToBeCheckedAsync();
        await page.GetByLabel("Keep q2.csv").UncheckAsync();

        await page.GetByLabel("To", new() { Exact = true }).FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Fwd: Quarterly figures");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download q1.csv" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download q2.csv" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Wrong_addresses_are_named_next_to_their_field_and_nothing_typed_is_lost()
    {
        var user = await web.Server.CreateUserAsync("typo");
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using var _ = context;
        var errors = new PageErrors(page);

        await page.GotoAsync("/compose");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("bob@example.test, bob.example.test");
        await page.GetByLabel("Cc", new() { Exact = true }).FillAsync("carol@");
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Minutes");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("See the attached minutes.");
        await page.GetByLabel("Request a read receipt").CheckAsync();
        await page.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload { Name = "minutes.txt", MimeType = "text/plain", Buffer = "minutes"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Correct the marked fields, then try again.");
        await Expect(page.Locator("#to-error")).ToHaveTextAsync("Not an email address: bob.example.test");
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(new Regex("Not an email address: bob.example.test"));
        await Expect(page.Locator("#cc-error")).ToHaveTextAsync("Not an email address: carol@");
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync("bob@example.test, bob.example.test");
        await Expect(page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Minutes");
        await Expect(page.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync("See the attached minutes.");
        await Expect(page.GetByLabel("Request a read receipt")).ToBeCheckedAsync();
        await Expect(page.Locator("#files-again")).ToHaveTextAsync("Select the files to attach again: a browser does not keep chosen files when the form comes back.");

        await page.GetByLabel("To", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByLabel("Cc", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#to-error")).ToHaveTextAsync("Enter at least one recipient in To, Cc or Bcc.");
        Assert.Empty(await web.Server.Process.FolderAsync(user, "Sent"));
        Assert.Empty(errors.All);
    }

    [Fact]
    public async Task Attachments_over_25_MB_are_refused_with_the_reason_with_and_without_script()
    {
        var user = await web.Server.CreateUserAsync("big");
        // A file on disk: Playwright hands its path to the local browser instead of copying 26 MB through the driver.
        var big = Path.Combine(Directory.CreateTempSubdirectory("kakunin-big-").FullName, "video.bin");
        await using (var file = File.Create(big))
        {
            file.SetLength(26 * 1024 * 1024);
        }

        var (context, page) = await web.Server.SignedInAsync(web.Browser, user);
        await using (context)
        {
            await page.GotoAsync("/compose");
            await page.GetByLabel("To", new() { Exact = true }).FillAsync(user);
            await page.GetByLabel("Attach files").SetInputFilesAsync(big);
            await Expect(page.Locator("#files-client-error")).ToHaveTextAsync("The attachments add up to 26 MB; the limit is 25 MB in total.");
        }

        var (plain, plainPage) = await web.Server.SignedInAsync(web.Browser, user, new() { JavaScriptEnabled = false });
        await using (plain)
        {
            await plainPage.GotoAsync("/compose");
            await plainPage.GetByLabel("To", new() { Exact = true }).FillAsync(user);
            await plainPage.GetByLabel("Subject", new() { Exact = true }).FillAsync("Holiday video");
            await plainPage.GetByLabel("Attach files").SetInputFilesAsync(big);
            await plainPage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await Expect(plainPage.Locator("#files-error")).ToHaveTextAsync("The attachments add up to 26 MB; the limit is 25 MB in total.");
            await Expect(plainPage.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Holiday video");
        }

        Assert.Empty(await web.Server.Process.FolderAsync(user, "Sent"));
        Directory.Delete(Path.GetDirectoryName(big)!, recursive: true);
    }

    [Fact]
    public async Task In_japanese_folders_labels_and_errors_are_japanese()
    {
        var user = await web.Server.CreateUserAsync("nihongo");
        var (context, page) = await web.Server.SignedInAsync(web.Browser, user, new() { Locale = "ja-JP" });
        await using var _ = context;

        var folders = page.GetByRole(AriaRole.Navigation, new() { Name = "フォルダー" });
        await Expect(folders.Locator(".folder-name")).ToHaveTextAsync(["受信トレイ", "送信済み", "下書き", "ごみ箱", "迷惑メール", "確認通知"]);
        await Expect(page.Locator(".empty-state")).ToHaveTextAsync("このフォルダーにメッセージはありません。");
        await Expect(page.GetByLabel("このフォルダーを検索")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "新規作成" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("新規メッセージ");
        foreach (var label in new[] { "宛先", "CC", "件名", "本文", "ファイルを添付", "配信確認を要求する", "開封確認を要求する" })
        {
            await Expect(page.GetByLabel(label, new() { Exact = true })).ToBeVisibleAsync();
        }

        await page.GetByLabel("宛先", new() { Exact = true }).FillAsync("山田 <yamada>");
        await page.GetByRole(AriaRole.Button, new() { Name = "送信" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("印の付いた項目を修正してから、もう一度お試しください。");
        await Expect(page.Locator("#to-error")).ToContainTextAsync("メールアドレスではありません: ");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "下書き保存" })).ToBeVisibleAsync();
    }
}
