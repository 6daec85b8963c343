using Kakunin.Tracking;
using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Tracking;

/// <summary>
/// The Tracking page and a sent message's Tracking tab, seeded through the real server: a user submits over SMTP to
/// a local user and to three remote ones, and the smarthost (<see cref="RemotePeer"/>) refuses one (550 5.1.1),
/// delays one (452 4.2.2) and accepts one without DSN (relayed).
/// </summary>
[Collection(TrackingServerCollection.Name)]
public sealed class TrackingPageTests(WebFixture web, TrackingServerFixture tracking)
{
    private KakuninProcess Server => tracking.Server.Process;

    [Fact]
    public async Task Failed_delayed_and_relayed_recipients_are_explained_in_both_languages()
    {
        var sender = await Server.NewUserAsync("sender");
        var local = await Server.NewUserAsync("local");
        await Server.SubmitAsync(sender, [local, "nobody@remote.test", "full@remote.test", "ok@remote.test"], "Quarterly figures", readReceipt: true);
        await WaitSettledAsync(sender, 4);

        var (context, page) = await tracking.SignedInAsync(web.Browser, sender);
        await using (context)
        {
            var errors = new PageErrors(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Tracking" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/tracking$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Tracking");
            await Expect(page.Locator(".tracking-row")).ToHaveCountAsync(4);
            var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Show" });
            await Expect(tabs.GetByRole(AriaRole.Link, new() { Name = "Failed" })).ToContainTextAsync("1");
            await Expect(tabs.GetByRole(AriaRole.Link, new() { Name = "Delayed" })).ToContainTextAsync("1");

            await tabs.GetByRole(AriaRole.Link, new() { Name = "Failed" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/tracking\\?filter=failed$"));
            var failed = page.Locator(".tracking-row");
            await Expect(failed).ToHaveCountAsync(1);
            await Expect(failed.Locator(".recipient-address")).ToHaveTextAsync("nobody@remote.test");
            await Expect(failed.Locator(".subject a")).ToHaveTextAsync("Quarterly figures");
            await Expect(failed.Locator(".subject a")).ToHaveAttributeAsync("href", new Regex("^/mail/Sent/\\d+$"));
            await Expect(failed.Locator(".failure-reason")).ToHaveTextAsync("The address does not exist at the recipient's mail server. Check the spelling.");
            await Expect(failed.Locator(".failure-status")).ToContainTextAsync("Status 5.1.1");
            await Expect(failed.Locator(".server-words")).ToHaveTextAsync("550 5.1.1 <nobody@remote.test>: Recipient address rejected: User unknown in virtual mailbox table");

            await tabs.GetByRole(AriaRole.Link, new() { Name = "Delayed" }).ClickAsync();
            await Expect(page.Locator(".tracking-row .recipient-address")).ToHaveTextAsync("full@remote.test");
            await Expect(page.Locator(".tracking-row .failure-reason")).ToHaveTextAsync("The recipient's mailbox is full.");

            // The row's state opens the message's Tracking tab, at that recipient.
            await page.Locator(".tracking-row .state-cell a").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/tracking/\\d+#recipient-\\d+$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Quarterly figures");
            var table = page.GetByRole(AriaRole.Table, new() { Name = "Delivery and reading, recipient by recipient" });
            await Expect(table.Locator("tbody > tr")).ToHaveCountAsync(4);
            await Expect(Row(table, local).Locator(".delivery .state")).ToHaveTextAsync("Delivered");
            await Expect(Row(table, local).Locator(".read")).ToContainTextAsync("No receipt yet");
            await Expect(Row(table, "ok@remote.test").Locator(".delivery")).ToContainTextAsync("Relayed");
            await Expect(Row(table, "ok@remote.test").Locator(".delivery")).ToContainTextAsync("handed to the next server, which does not confirm delivery");
            await Expect(Row(table, "full@remote.test").Locator(".delivery")).ToContainTextAsync("retrying until");
            var nobody = Row(table, "nobody@remote.test");
            await Expect(nobody.Locator(".delivery .state")).ToHaveTextAsync("Failed");
            await Expect(nobody.Locator(".read")).ToContainTextAsync("not delivered");
            await Expect(nobody.Locator(".server-words").First).ToContainTextAsync("User unknown in virtual mailbox table");
            await Expect(nobody.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("nobody@remote.test");

            // Our own DSN reaches the sender's mailbox and becomes the evidence: a link to the report.
            await page.RefreshUntilAsync(nobody.Locator(".evidence"), new Regex("^Delivery report$"));
            await Expect(nobody.Locator(".evidence a")).ToHaveAttributeAsync("href", new Regex("^/mail/(Inbox|Receipts)/\\d+$"));

            // The timeline opens without script (details/summary).
            var history = nobody.Locator("details.timeline");
            await Expect(history.Locator("ol")).Not.ToBeVisibleAsync();
            await history.Locator("summary").ClickAsync();
            await Expect(history.Locator("ol li").Last).ToContainTextAsync("Failed");
            await Screenshots.SaveAsync(page, "tracking-tab");
            Assert.Empty(errors.All);
        }

        var (ja, jaPage) = await tracking.SignedInAsync(web.Browser, sender, locale: "ja-JP");
        await using (ja)
        {
            await jaPage.GotoAsync("/tracking?filter=failed");
            await Expect(jaPage.Locator("h1")).ToHaveTextAsync("追跡");
            var row = jaPage.Locator(".tracking-row");
            await Expect(row.Locator(".state").First).ToHaveTextAsync("失敗");
            await Expect(row.Locator(".failure-reason")).ToHaveTextAsync("宛先のメールサーバーにこのアドレスは存在しません。綴りを確認してください。");
            await Expect(row.Locator(".failure-status")).ToContainTextAsync("ステータス 5.1.1");
            await Expect(row.Locator(".failure-status")).ToContainTextAsync("宛先のメールボックスが存在しません");
            await Expect(row.Locator(".server-words")).ToContainTextAsync("User unknown in virtual mailbox table");
            await Screenshots.SaveAsync(jaPage, "tracking-failed-ja");
        }
    }

    [Fact]
    public async Task A_forged_report_shows_as_unverified_and_the_state_as_this_servers_own_in_both_languages()
    {
        var sender = await Server.NewUserAsync("provenance");
        var reader = await Server.NewUserAsync("reader");
        var sent = await Server.SubmitAsync(sender, [reader], "Signed contract", readReceipt: true);
        await WaitSettledAsync(sender, 1);

        // Anyone who knows the Message-ID sends the sender a "failed" DSN from <> over port 25 (issue 9).
        var reply = await Server.SendReportFromOutsideAsync(sender, $"""
            From: Mail Delivery System <MAILER-DAEMON@forger.example>
            To: {sender}
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="fb"

            --fb
            Content-Type: text/plain

            Your message could not be delivered.

            --fb
            Content-Type: message/delivery-status

            Reporting-MTA: dns; forger.example

            Final-Recipient: rfc822; {reader}
            Action: failed
            Status: 5.1.1

            --fb
            Content-Type: text/rfc822-headers

            Message-ID: <{sent.MessageId}>

            --fb--
            """);
        Assert.StartsWith("250", reply, StringComparison.Ordinal);

        var (context, page) = await tracking.SignedInAsync(web.Browser, sender);
        await using (context)
        {
            var errors = new PageErrors(page);
            await page.GotoAsync("/tracking");
            var listed = page.Locator($".tracking-row[data-recipient='{reader}']");
            await page.RefreshUntilAsync(listed.Locator(".unverified-claim"), new Regex("unverified report from MAILER-DAEMON@forger.example"));
            await Expect(listed.Locator(".state").First).ToHaveTextAsync("Delivered");
            await Expect(listed.Locator(".provenance")).ToHaveAttributeAsync("data-provenance", "local");

            await listed.Locator(".state-cell a").ClickAsync();
            var row = Row(page.GetByRole(AriaRole.Table, new() { Name = "Delivery and reading, recipient by recipient" }), reader);
            await Expect(row.Locator(".delivery .state")).ToHaveTextAsync("Delivered");
            await Expect(row.Locator(".delivery .provenance")).ToHaveAttributeAsync("data-provenance", "local");
            await Expect(row.Locator(".delivery .provenance-sentence")).ToHaveTextAsync("This server saw this itself.");
            await Expect(row.Locator(".read")).ToContainTextAsync("No receipt yet");
            await Expect(row.Locator(".unverified-claim")).ToHaveTextAsync(
                "An unverified report from MAILER-DAEMON@forger.example says “Failed”; the status above stays as this server knows it.");
            await row.Locator("details.timeline summary").ClickAsync();
            var forged = row.Locator("details.timeline li").Last;
            await Expect(forged.Locator(".provenance")).ToHaveAttributeAsync("data-provenance", "unverified");
            await Expect(forged.Locator(".provenance-mark")).ToHaveTextAsync("⚠ unverified");
            await Expect(forged.Locator(".provenance-sentence")).ToHaveTextAsync(
                "Unverified report from MAILER-DAEMON@forger.example: nobody vouched for it, so it does not change the status.");

            // The evidence view: the report itself says it is unverified.
            await forged.Locator(".evidence-link").ClickAsync();
            await Expect(page.Locator(".report-provenance .provenance")).ToHaveAttributeAsync("data-provenance", "unverified");
            await Screenshots.SaveAsync(page, "tracking-unverified-evidence");
            Assert.Empty(errors.All);
        }

        var (ja, jaPage) = await tracking.SignedInAsync(web.Browser, sender, locale: "ja-JP");
        await using (ja)
        {
            await jaPage.GotoAsync("/tracking");
            await jaPage.Locator($".tracking-row[data-recipient='{reader}'] .state-cell a").ClickAsync();
            var row = jaPage.Locator($"tr.tracking-recipient[data-recipient='{reader}']");
            await Expect(row.Locator(".delivery .state")).ToHaveTextAsync("配信済み");
            await Expect(row.Locator(".delivery .provenance-sentence")).ToHaveTextAsync("このサーバー自身が確認した事実です。");
            await Expect(row.Locator(".unverified-claim")).ToContainTextAsync("MAILER-DAEMON@forger.example からの未検証の報告は「失敗」");
            await row.Locator("details.timeline summary").ClickAsync();
            await Expect(row.Locator("details.timeline li").Last.Locator(".provenance-mark")).ToHaveTextAsync("⚠ 未検証");
            await Screenshots.SaveAsync(jaPage, "tracking-unverified-ja");
        }
    }

    [Fact]
    public async Task Delivered_but_unread_after_n_days_lists_what_to_follow_up()
    {
        var sender = await Server.NewUserAsync("follow");
        var reader = await Server.NewUserAsync("reader");
        await Server.SubmitAsync(sender, [reader], "Follow me up", readReceipt: true);
        await WaitSettledAsync(sender, 1);
        await BackdateDeliveryAsync(sender, TimeSpan.FromDays(5));

        var (context, page) = await tracking.SignedInAsync(web.Browser, sender);
        await using var _ = context;
        await page.GotoAsync("/tracking?filter=unread");
        await Expect(page.Locator(".tracking-filters [aria-current=page]")).ToContainTextAsync("Unread after 3 days");
        await Expect(page.Locator(".tracking-row .recipient-address")).ToHaveTextAsync(reader);

        await page.GetByLabel("Delivered but unread after").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tracking\\?filter=unread&days=7$"));
        await Expect(page.Locator(".tracking-filters [aria-current=page]")).ToContainTextAsync("Unread after 7 days");
        await Expect(page.Locator(".empty-state")).ToHaveTextAsync("Nothing to show here.");

        // The days stay chosen across the tabs.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All" })).ToHaveAttributeAsync("href", "/tracking?days=7");
    }

    private static ILocator Row(ILocator table, string address) => table.Locator($"tr[data-recipient='{address}']");

    /// <summary>Waits until none of the sender's recipients is still queued (each delivered, relayed, delayed or failed).</summary>
    private Task WaitSettledAsync(string sender, int recipients) => Server.WaitForAsync(async () =>
    {
        await using var store = await Server.OpenStoreAsync();
        var page = await store.TrackingQueries.GetPageAsync(sender, TrackingFilter.All, TimeSpan.FromDays(3), 1, 50, DateTimeOffset.UtcNow, CancellationToken.None);
        return page.Rows.Count == recipients && page.Rows.All(r => r.Recipient.State is not (TrackingState.Queued or TrackingState.Unknown));
    }, $"{recipients} settled recipients of {sender}");

    /// <summary>Moves the sender's delivery times back, as if the mail had gone out days ago (the filter reads state_at).</summary>
    private async Task BackdateDeliveryAsync(string sender, TimeSpan age)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Server.DataDirectory, "kakunin.db")};Default Timeout=10");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tracking_recipients SET state_at = state_at - $age WHERE sender_user = $u";
        command.Parameters.AddWithValue("$age", (long)age.TotalMilliseconds);
        command.Parameters.AddWithValue("$u", sender);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
