using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.Tracking;
using Kakunin.WebTests.Infrastructure;
using MimeKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Tracking;

/// <summary>
/// Issue 16, "language of reports": reports that arrived while the sender read English, and were written in English (a
/// remote server's refusal and delay, this server's own English DSN, a read receipt an English mail program wrote), are
/// shown in the reader's words once the sender switches to 日本語 — the state, the status code's meaning and the read
/// receipt's disposition, on the Tracking page, the Tracking tab and in every line of each recipient's history. Only the
/// remote server's own words stay as they were written, marked as its words.
/// </summary>
[Collection(TrackingServerCollection.Name)]
public sealed class ReportLanguageTests(WebFixture web, TrackingServerFixture tracking)
{
    /// <summary>
    /// The Latin words left in an element's text once the server's quoted words, addresses, host names, times and the
    /// subject are taken out: a page in Japanese must have none ("UTC" and status codes are not words).
    /// </summary>
    private const string LatinWords = """
        (element, subject) => {
            const copy = element.cloneNode(true);
            copy.querySelectorAll('.server-words, .recipient-address, time').forEach(e => e.remove());
            const text = copy.textContent.replaceAll(subject, ' ')
                .replace(/[\w.+-]+@[\w.-]+/g, ' ')
                .replace(/\b[\w-]+(\.[\w-]+)+\b/g, ' ');
            return [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter(w => w !== 'UTC');
        }
        """;

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Reports_written_in_English_read_in_Japanese_once_the_sender_switches(int width)
    {
        var server = tracking.Server.Process;
        var sender = await server.NewUserAsync("lang");
        var reader = await server.NewUserAsync("lang-reader");
        var refused = $"nobody.lang{width}@remote.test";
        var full = $"full.lang{width}@remote.test";
        var subject = "Minutes of the meeting " + Guid.NewGuid().ToString("N")[..6];
        var sent = await server.SubmitAsync(sender, [reader, refused, full], subject, readReceipt: true);
        await server.WaitForAsync(async () =>
        {
            await using var store = await server.OpenStoreAsync();
            var page = await store.TrackingQueries.GetPageAsync(sender, TrackingFilter.All, TimeSpan.FromDays(3), 1, 50, DateTimeOffset.UtcNow, CancellationToken.None);
            return page.Rows.Count == 3 && page.Rows.All(r => r.Recipient.State is TrackingState.Delivered or TrackingState.Failed or TrackingState.Delayed or TrackingState.Deferred);
        }, $"{sender}'s three recipients delivered, failed and delayed");

        // The reader's own mail program (English) deleted the message unread and said so by itself, as its reader had set it up.
        await SendEnglishReceiptAsync(server, reader, sender, subject, sent.MessageId!);
        await server.WaitForAsync(async () =>
        {
            await using var store = await server.OpenStoreAsync();
            var page = await store.TrackingQueries.GetPageAsync(sender, TrackingFilter.All, TimeSpan.FromDays(3), 1, 50, DateTimeOffset.UtcNow, CancellationToken.None);
            return page.Rows.Any(r => r.Recipient.Address == reader && r.Recipient.ReadState == TrackingState.Deleted);
        }, $"{reader}'s English receipt recorded");

        var (context, page) = await tracking.Server.SignInNewAsync(web.Browser, sender, new BrowserNewContextOptions
        {
            Locale = "en-GB", ViewportSize = new() { Width = width, Height = 800 }, IsMobile = width < 700, HasTouch = width < 700,
        });
        await using var _ = context;
        var errors = new PageErrors(page);

        // Read first in English ...
        await page.GotoAsync("/tracking");
        await ExpectTrackingPageAsync(page, English, reader, refused, full);
        await OpenTabAsync(page, reader);
        await ExpectTabAsync(page, English, reader, refused, full);

        // ... then the sender switches to 日本語: nothing was received again, every word is Japanese.
        await page.GetByRole(AriaRole.Button, new() { Name = "日本語", Exact = true }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await ExpectTabAsync(page, Japanese, reader, refused, full);
        var tab = page.Locator(".tracking-tab");
        Assert.Empty(await tab.EvaluateAsync<string[]>(LatinWords, subject));
        await page.GotoAsync("/tracking");
        await ExpectTrackingPageAsync(page, Japanese, reader, refused, full);
        Assert.Empty(await page.Locator("main").EvaluateAsync<string[]>(LatinWords, subject));
        Assert.Empty(errors.All);
    }

    private static async Task ExpectTrackingPageAsync(IPage page, Words words, string reader, string refused, string full)
    {
        var readerRow = page.Locator($".tracking-row[data-recipient='{reader}']");
        await Expect(readerRow.Locator(".state")).ToHaveTextAsync([words.Delivered, words.DeletedUnread]);
        var refusedRow = page.Locator($".tracking-row[data-recipient='{refused}']");
        await Expect(refusedRow.Locator(".state")).ToHaveTextAsync(words.Failed);
        await Expect(refusedRow.Locator(".failure-status")).ToHaveTextAsync(words.UnknownMailbox);
        var fullRow = page.Locator($".tracking-row[data-recipient='{full}']");
        await Expect(fullRow.Locator(".state")).ToHaveTextAsync(words.Delayed);
        await Expect(fullRow.Locator(".failure-status")).ToHaveTextAsync(words.MailboxFull);
    }

    private static async Task OpenTabAsync(IPage page, string reader)
    {
        await page.Locator($".tracking-row[data-recipient='{reader}'] .state-cell a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/tracking/\d+#recipient-\d+$"));
    }

    /// <summary>The Tracking tab with every history open: each line's state, code meaning or disposition in words.</summary>
    private static async Task ExpectTabAsync(IPage page, Words words, string reader, string refused, string full)
    {
        var closed = page.Locator("details.timeline:not([open]) summary");
        while (await closed.CountAsync() > 0)
        {
            await closed.First.ClickAsync();
        }

        var readerRow = page.Locator($"tr.tracking-recipient[data-recipient='{reader}']");
        await Expect(readerRow.Locator(".read .state")).ToHaveTextAsync(words.DeletedUnread);
        var receipt = readerRow.Locator("details.timeline li").Filter(new() { Has = page.Locator(".disposition-words") });
        await Expect(receipt.Locator(".timeline-state")).ToHaveTextAsync(words.DeletedUnread);
        await Expect(receipt.Locator(".disposition-words")).ToHaveTextAsync(words.DeletedByItsSetting);

        // The refusal and the delay: every history line that says why says it in words, the server's own words beside them.
        var refusedLine = page.Locator($"tr.tracking-recipient[data-recipient='{refused}'] details.timeline li").Last;
        await Expect(refusedLine.Locator(".timeline-state")).ToHaveTextAsync(words.Failed);
        await Expect(refusedLine.Locator(".failure-status")).ToHaveTextAsync(words.UnknownMailbox);
        await Expect(refusedLine.Locator(".server-words")).ToContainTextAsync("User unknown in virtual mailbox table");
        var fullLine = page.Locator($"tr.tracking-recipient[data-recipient='{full}'] details.timeline li").Last;
        await Expect(fullLine.Locator(".timeline-state")).ToHaveTextAsync(words.Delayed);
        await Expect(fullLine.Locator(".failure-status")).ToHaveTextAsync(words.MailboxFull);
        await Expect(fullLine.Locator(".server-words")).ToContainTextAsync("Mailbox full, try again later");
        await Expect(page.Locator(".tracking-tab")).Not.ToContainTextAsync("MDN-sent");
    }

    /// <summary>
    /// A read receipt as an English mail program writes one (RFC 8098 §3: a human part and a
    /// message/disposition-notification part), submitted by the reader: "deleted", sent automatically by the reader's setting.
    /// </summary>
    private static async Task SendEnglishReceiptAsync(KakuninProcess server, string reader, string sender, string subject, string originalMessageId)
    {
        var text = $"""
            From: {reader}
            To: {sender}
            Subject: Not read: {subject}
            Message-ID: <{Guid.NewGuid():N}@example.test>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=disposition-notification; boundary="mb"

            --mb
            Content-Type: text/plain

            The message sent to {reader} was deleted without being displayed.

            --mb
            Content-Type: message/disposition-notification

            Reporting-UA: Example Mail Client 1.0 (English)
            Final-Recipient: rfc822;{reader}
            Original-Message-ID: <{originalMessageId}>
            Disposition: manual-action/MDN-sent-automatically; deleted

            --mb--
            """.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var receipt = await MimeMessage.LoadAsync(stream);
        using var client = await DsnSmtpClient.ConnectAsync(server, reader);
        await client.SendAsync(receipt);
        await client.DisconnectAsync(true);
    }

    /// <summary>What a person reads, written out by hand (not taken from the product's catalogue).</summary>
    private sealed record Words(string Delivered, string Failed, string Delayed, string DeletedUnread, string DeletedByItsSetting, string UnknownMailbox, string MailboxFull);

    private static readonly Words English = new(
        "Delivered", "Failed", "Delayed", "Deleted without being read",
        "Deleted without being opened — receipt sent automatically, as the reader set it up",
        "Status 5.1.1 The destination mailbox does not exist: the part before the @ is unknown.",
        "Status 4.2.2 The recipient's mailbox has reached its storage quota.");

    private static readonly Words Japanese = new(
        "配信済み", "失敗", "遅延", "未開封のまま削除",
        "開封されずに削除されました：受信者の設定により開封確認を自動送信",
        "ステータス 5.1.1 宛先のメールボックスが存在しません(@ より前の部分が不明です)。",
        "ステータス 4.2.2 宛先のメールボックスが容量の上限に達しています。");
}
