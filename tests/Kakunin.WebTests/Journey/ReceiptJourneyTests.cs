using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Kakunin.WebTests.Journey.Journeys;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Journey;

/// <summary>
/// Issue 4, "Shown working", as Alice and Bob live it in two browsers against the real server: Alice asks for a
/// delivery and a read receipt, Bob is asked and sends one, and Alice's Sent item, Sent list and Tracking page show
/// what happened — Bob delivered and read, an unknown address failed with its reason. Then Bob's settings: never,
/// always, "deleted without being read", and a receipt that is never sent twice. Everything asserted is on screen.
/// </summary>
public sealed class ReceiptJourneyTests(EnglishPeople people) : IClassFixture<EnglishPeople>
{
    private static readonly JourneyWords Words = JourneyWords.English;

    [Fact]
    public async Task Alice_asks_for_both_receipts_Bob_sends_one_and_Alice_sees_him_delivered_and_read_and_the_unknown_address_failed()
    {
        await SaveReceiptSettingsAsync(people.Bob, Words, Words.Ask, deletedUnread: false, screenshot: "settings");

        // Bob's Inbox has other mail too, as anybody's does.
        foreach (var (from, subject, body) in OtherMail)
        {
            await people.Server.SendSmtpAsync(WebServer.TextMessage(people.BobAddress, subject, body, from));
        }

        foreach (var (_, subject, _) in OtherMail)
        {
            await WaitInInboxAsync(people.Bob, subject);
        }

        await ReceiptJourney.RunAsync(people, Words, new(
            Subject: "Signed lease for the Kyoto office",
            Body: "Hi Bob,\n\nThe landlord sent back the signed lease this morning. Could you read clause 4 (the break option) before Friday's call? "
                + "I have copied the records mailbox so that it is filed.\n\nThanks,\nAlice",
            Compose: "compose", Inbox: "inbox", Banner: "receipt-banner", Phone: "phone", TrackingTab: "tracking-tab", TrackingPage: "tracking-page"));
    }

    [Fact]
    public async Task With_never_in_all_three_cases_Bob_sees_no_banner_and_no_receipt_is_sent()
    {
        const string subject = "Agenda for Thursday's planning meeting";
        await SaveReceiptSettingsAsync(people.Bob, Words, Words.Never, deletedUnread: false);
        await ComposeAndSendAsync(people.Alice, Words, people.BobAddress, subject,
            "Bob,\n\nHere is the agenda: the budget, the hiring plan and the office move. Add anything I missed.\n\nAlice", deliveryReceipt: false, readReceipt: true);

        await OpenFromInboxAsync(people.Bob, subject);
        await Expect(people.Bob.Locator(".message-text")).ToContainTextAsync("Here is the agenda");
        await Expect(people.Bob.Locator("[data-receipt-banner]")).ToHaveCountAsync(0);
        await Expect(people.Bob.GetByRole(AriaRole.Button, new() { Name = Words.SendReceipt })).ToHaveCountAsync(0);
        await Expect(people.Bob.Locator("[data-receipt-note]")).ToHaveCountAsync(0);

        await WaitForIdleQueueAsync(people.Bob);
        await OpenSentAsync(people.Alice, subject, "Delivered 1/1");
        var bob = Recipient(people.Alice, Words, people.BobAddress);
        await Expect(bob.Locator(".delivery .state")).ToHaveTextAsync(Words.Delivered);
        await Expect(bob.Locator(".read .state")).ToHaveTextAsync(Words.NoReceiptYet);
        await Expect(bob.Locator(".read .state-time")).ToHaveCountAsync(0);
        AssertNoErrors();
    }

    [Fact]
    public async Task With_always_opening_sends_the_receipt_without_a_banner_and_Alice_sees_it_read()
    {
        const string subject = "Invoice 2026-041 approved";
        await SaveReceiptSettingsAsync(people.Bob, Words, Words.Always, deletedUnread: false);
        await ComposeAndSendAsync(people.Alice, Words, people.BobAddress, subject,
            "Hi Bob,\n\nFinance approved invoice 2026-041 (£4,180). It will be paid on the 28th.\n\nAlice", deliveryReceipt: false, readReceipt: true);

        await OpenFromInboxAsync(people.Bob, subject);
        await Expect(people.Bob.Locator("[data-receipt-banner]")).ToHaveCountAsync(0);
        await Expect(people.Bob.GetByRole(AriaRole.Status)).ToHaveTextAsync(Words.SentBySetting);

        await OpenSentAsync(people.Alice, subject, "Delivered 1/1 · Read 1/1");
        var bob = Recipient(people.Alice, Words, people.BobAddress);
        await Expect(bob.Locator(".read .state")).ToHaveTextAsync(Words.Read);
        await Expect(bob.Locator(".read .state-time")).ToHaveTextAsync(ShownTime);
        AssertNoErrors();
    }

    [Fact]
    public async Task Deleting_unread_sends_deleted_without_being_read_only_when_Bob_turned_it_on()
    {
        const string on = "Updated holiday rota for August";
        await SaveReceiptSettingsAsync(people.Bob, Words, Words.Always, deletedUnread: true);
        await ComposeAndSendAsync(people.Alice, Words, people.BobAddress, on,
            "Hi Bob,\n\nThe August rota is attached to the shared drive; you are on call the week of the 11th.\n\nAlice", deliveryReceipt: false, readReceipt: true);
        await DeleteUnreadFromInboxAsync(on);
        await OpenSentAsync(people.Alice, on, "Delivered 1/1 · 1 deleted unread");
        var bob = Recipient(people.Alice, Words, people.BobAddress);
        await Expect(bob.Locator(".read .state")).ToHaveTextAsync(Words.DeletedUnread);
        await Expect(bob.Locator(".read .state-time")).ToHaveTextAsync(ShownTime);

        const string off = "Newsletter draft for review";
        await SaveReceiptSettingsAsync(people.Bob, Words, Words.Always, deletedUnread: false);
        await ComposeAndSendAsync(people.Alice, Words, people.BobAddress, off,
            "Bob,\n\nThe September newsletter draft is ready. Comments by Wednesday, please.\n\nAlice", deliveryReceipt: false, readReceipt: true);
        await DeleteUnreadFromInboxAsync(off);
        await WaitForIdleQueueAsync(people.Bob);
        await OpenSentAsync(people.Alice, off, "Delivered 1/1");
        await Expect(Recipient(people.Alice, Words, people.BobAddress).Locator(".read .state")).ToHaveTextAsync(Words.NoReceiptYet);
        AssertNoErrors();
    }

    [Fact]
    public async Task A_read_receipt_is_sent_once_however_often_Bob_answers_or_reopens_the_message()
    {
        const string subject = "Budget figures for Q3";
        await SaveReceiptSettingsAsync(people.Bob, Words, Words.Ask, deletedUnread: false);
        await ComposeAndSendAsync(people.Alice, Words, people.BobAddress, subject,
            "Bob,\n\nThe Q3 figures are final. Please confirm you have seen them before the board pack goes out.\n\nAlice", deliveryReceipt: false, readReceipt: true);

        await OpenFromInboxAsync(people.Bob, subject);
        var url = people.Bob.Url;
        var secondTab = await people.Bob.Context.NewPageAsync();
        try
        {
            await secondTab.GotoAsync(url);
            await Expect(secondTab.GetByRole(AriaRole.Region, new() { Name = Words.BannerQuestion })).ToBeVisibleAsync();

            await people.Bob.GetByRole(AriaRole.Button, new() { Name = Words.SendReceipt }).ClickAsync();
            await Expect(people.Bob.GetByRole(AriaRole.Status)).ToHaveTextAsync(Words.ReceiptSent);
            await secondTab.GetByRole(AriaRole.Button, new() { Name = Words.SendReceipt }).ClickAsync();
            await Expect(secondTab.GetByRole(AriaRole.Status)).ToHaveTextAsync(Words.AlreadyAnswered);
        }
        finally
        {
            await secondTab.CloseAsync();
        }

        // Opened again later: no banner, nothing said, nothing sent.
        await people.Bob.GotoAsync(url);
        await Expect(people.Bob.Locator("h1")).ToHaveTextAsync(subject);
        await Expect(people.Bob.Locator("[data-receipt-banner]")).ToHaveCountAsync(0);
        await Expect(people.Bob.Locator("[data-receipt-note]")).ToHaveCountAsync(0);

        await WaitForIdleQueueAsync(people.Bob);
        await OpenSentAsync(people.Alice, subject, "Delivered 1/1 · Read 1/1");
        var bob = Recipient(people.Alice, Words, people.BobAddress);
        await Expect(bob.Locator(".read .state")).ToHaveTextAsync(Words.Read);
        var timeline = bob.Locator("details.timeline");
        await timeline.Locator("summary").ClickAsync();
        await Expect(timeline.Locator("ol li .timeline-state").Filter(new() { HasTextRegex = new Regex("^" + Words.Read + "$") })).ToHaveCountAsync(1);
        await Expect(bob.Locator(".evidence a", new() { HasTextString = Words.ReadReceiptLink })).ToHaveCountAsync(1);
        AssertNoErrors();
    }

    private static readonly (string From, string Subject, string Body)[] OtherMail =
    [
        ("Dana Whitfield <dana.whitfield@harbour-events.test>", "Venue options for the autumn offsite", "Hi Bob,\n\nThree venues can take forty people on the dates you gave. Prices and floor plans are below.\n\nDana"),
        ("Kenji Sato <kenji.sato@partner.test>", "Revised delivery schedule (v3)", "Bob,\n\nThe second shipment moves to 14 October. The rest of the schedule is unchanged.\n\nKenji"),
        // Mail from outside on port 25: it may not claim our own example.test (refused as spoofing unless SPF/DKIM pass).
        ("IT Service Desk <servicedesk@it-support.test>", "Planned maintenance on Saturday 06:00–08:00", "The mail and file servers will be unavailable for up to two hours on Saturday morning."),
    ];

    private async Task DeleteUnreadFromInboxAsync(string subject)
    {
        var row = await WaitInInboxAsync(people.Bob, subject);
        await Expect(row).ToHaveClassAsync(new Regex(@"\bunread\b"));
        await people.Bob.GetByRole(AriaRole.Button, new() { Name = "Delete: " + subject, Exact = true }).ClickAsync();
        await Expect(people.Bob.GetByRole(AriaRole.Status)).ToHaveTextAsync("Moved to Trash.");
        await Expect(Row(people.Bob, subject)).ToHaveCountAsync(0);
    }

    private void AssertNoErrors()
    {
        Assert.Empty(people.AliceErrors.All);
        Assert.Empty(people.BobErrors.All);
    }
}

/// <summary>The same journey for Alice and Bob whose browsers ask for Japanese (Accept-Language: ja-JP).</summary>
public sealed class JapaneseReceiptJourneyTests(JapanesePeople people) : IClassFixture<JapanesePeople>
{
    [Fact]
    public async Task The_whole_journey_speaks_japanese_banner_delivered_read_failed_and_the_reason()
    {
        await SaveReceiptSettingsAsync(people.Bob, JourneyWords.Japanese, JourneyWords.Japanese.Ask, deletedUnread: false);
        await ReceiptJourney.RunAsync(people, JourneyWords.Japanese, new(
            Subject: "京都オフィスの賃貸契約書（署名済み）",
            Body: "ボブさん\n\n署名済みの賃貸契約書が今朝、家主から届きました。金曜日の打ち合わせまでに第4条（中途解約）をご確認ください。"
                + "記録用のアドレスにも送っています。\n\nよろしくお願いします。\nアリス",
            TrackingTab: "tracking-tab-ja"));
    }
}

/// <summary>What to send in a journey and which screenshots to save on the way (null: none).</summary>
public sealed record JourneyScript(
    string Subject,
    string Body,
    string? Compose = null,
    string? Inbox = null,
    string? Banner = null,
    string? Phone = null,
    string? TrackingTab = null,
    string? TrackingPage = null);

/// <summary>The journey of issue 4, in either language.</summary>
public static class ReceiptJourney
{
    /// <summary>The unknown local address: submission accepts it, local delivery fails with 5.1.1.</summary>
    public const string Unknown = "nobody-xyz@example.test";

    public static async Task RunAsync(JourneyPeople people, JourneyWords words, JourneyScript script)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(script);
        var (alice, bob) = (people.Alice, people.Bob);

        // Alice writes to Bob and to an address that does not exist, asking for both receipts.
        await ComposeAndSendAsync(alice, words, $"Bob <{people.BobAddress}>, {Unknown}", script.Subject, script.Body,
            deliveryReceipt: true, readReceipt: true, screenshot: script.Compose);
        await Expect(alice.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.SentNotice);

        // Bob finds it unread in his Inbox and opens it: the banner asks, above the header fields.
        var row = await WaitInInboxAsync(bob, script.Subject);
        await Expect(row).ToHaveClassAsync(new Regex(@"\bunread\b"));
        await Expect(row.Locator(".message-who")).ToHaveTextAsync(people.AliceAddress);
        if (script.Inbox is not null)
        {
            await Screenshots.SaveAsync(bob, script.Inbox);
        }

        await row.ClickAsync();
        await Expect(bob.Locator("h1")).ToHaveTextAsync(script.Subject);
        await Expect(bob.Locator(".message-text")).ToContainTextAsync(script.Body.Split('\n')[2]);
        var banner = bob.GetByRole(AriaRole.Region, new() { Name = words.BannerQuestion });
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner.GetByRole(AriaRole.Button, new() { Name = words.SendReceipt, Exact = true })).ToBeVisibleAsync();
        await Expect(banner.GetByRole(AriaRole.Button, new() { Name = words.DontSend, Exact = true })).ToBeVisibleAsync();
        var bannerBox = (await banner.BoundingBoxAsync())!;
        var fieldsBox = (await bob.Locator(".message-fields").BoundingBoxAsync())!;
        Assert.True(bannerBox.Y + bannerBox.Height <= fieldsBox.Y, "the banner is above the header fields");
        if (script.Banner is not null)
        {
            await Screenshots.SaveAsync(bob, script.Banner);
        }

        if (script.Phone is not null)
        {
            // The same message on Bob's phone, before he answers: the banner fits a 375px screen.
            var (phoneContext, phone) = await people.SignInAsync(people.BobAddress, 375, 800, phone: true);
            await using (phoneContext)
            {
                await phone.GotoAsync(bob.Url);
                await Expect(phone.GetByRole(AriaRole.Region, new() { Name = words.BannerQuestion })).ToBeVisibleAsync();
                Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the message page fits the phone");
                await Screenshots.SaveAsync(phone, script.Phone);
            }
        }

        await banner.GetByRole(AriaRole.Button, new() { Name = words.SendReceipt, Exact = true }).ClickAsync();
        await Expect(bob).ToHaveURLAsync(new Regex(@"/mail/Inbox/\d+\?receipt=sent$"));
        await Expect(bob.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.ReceiptSent);
        await Expect(bob.Locator("[data-receipt-banner]")).ToHaveCountAsync(0);

        // Alice's Sent list says it in one line; her Sent item's Tracking tab says it recipient by recipient.
        await OpenSentAsync(alice, script.Subject, words.SummaryDeliveredReadFailed);
        var tab = alice.GetByRole(AriaRole.Table, new() { Name = words.TrackingCaption });
        await Expect(tab.Locator("tbody > tr")).ToHaveCountAsync(2);
        var toBob = Recipient(alice, words, people.BobAddress);
        var toNobody = Recipient(alice, words, Unknown);

        // The evidence links appear when the reports reach Alice's mailbox: the delivery reports this server sent
        // her and Bob's read receipt.
        await alice.RefreshUntilAsync(toBob.Locator(".evidence"), new Regex($"^{words.DeliveryReportLink}\\s+{words.ReadReceiptLink}$"));
        await alice.RefreshUntilAsync(toNobody.Locator(".evidence"), new Regex($"^{words.DeliveryReportLink}$"));

        await Expect(toBob.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(people.BobAddress);
        await Expect(toBob.Locator(".delivery .state")).ToHaveTextAsync(words.Delivered);
        await Expect(toBob.Locator(".delivery .state-time")).ToHaveTextAsync(ShownTime);
        await Expect(toBob.Locator(".read .state")).ToHaveTextAsync(words.Read);
        await Expect(toBob.Locator(".read .state-time")).ToHaveTextAsync(ShownTime);
        await Expect(toBob.Locator(".failure")).ToHaveCountAsync(0);

        await Expect(toNobody.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(Unknown);
        await Expect(toNobody.Locator(".delivery .state")).ToHaveTextAsync(words.Failed);
        await Expect(toNobody.Locator(".delivery .state-time")).ToHaveTextAsync(ShownTime);
        await Expect(toNobody.Locator(".delivery .failure-reason")).ToHaveTextAsync(words.UnknownUserReason);
        await Expect(toNobody.Locator(".delivery .failure-status")).ToContainTextAsync(words.StatusUnknownUser);
        await Expect(toNobody.Locator(".delivery .failure-status")).ToContainTextAsync(words.StatusUnknownUserMeaning);
        await Expect(toNobody.Locator(".delivery .failure-words")).ToContainTextAsync(words.ServerSaid);
        await Expect(toNobody.Locator(".delivery .failure-words .server-words")).ToHaveTextAsync("no such user here");
        await Expect(toNobody.Locator(".read .state")).ToHaveCountAsync(0); // never delivered: nothing to read
        if (script.TrackingTab is not null)
        {
            await alice.Locator(".tracking-tab").EvaluateAsync("tab => { tab.scrollIntoView({ block: 'end' }); window.scrollBy(0, 24); }");
            await Screenshots.SaveAsync(alice, script.TrackingTab);
        }

        // The evidence opens the report itself: the delivery report about the unknown address, in Alice's mailbox.
        var sentItem = alice.Url;
        await toNobody.GetByRole(AriaRole.Link, new() { Name = words.DeliveryReportLink, Exact = true }).ClickAsync();
        await Expect(alice).ToHaveURLAsync(new Regex(@"/mail/(Inbox|Receipts)/\d+$"));
        await Expect(alice.Locator("article.message")).ToContainTextAsync(Unknown);
        await alice.GotoAsync(sentItem);
        await toBob.GetByRole(AriaRole.Link, new() { Name = words.ReadReceiptLink, Exact = true }).ClickAsync();
        await Expect(alice).ToHaveURLAsync(new Regex(@"/mail/(Inbox|Receipts)/\d+$"));
        await Expect(alice.Locator("article.message")).ToContainTextAsync(people.BobAddress);

        // The Tracking page across all her mail: the unknown address under Failed, Bob under Read.
        await alice.GetByRole(AriaRole.Link, new() { Name = words.TrackingTitle, Exact = true }).ClickAsync();
        await Expect(alice.Locator("h1")).ToHaveTextAsync(words.TrackingTitle);
        var tabs = alice.Locator("nav.tracking-filters");
        await tabs.Locator("a[data-filter=failed]").ClickAsync();
        await Expect(alice).ToHaveURLAsync(new Regex(@"/tracking\?filter=failed$"));
        await Expect(tabs.Locator("[aria-current=page]")).ToContainTextAsync(words.FailedTab);
        var failed = alice.Locator(".tracking-row", new() { HasText = script.Subject });
        await Expect(failed).ToHaveCountAsync(1);
        await Expect(failed.Locator(".recipient-address")).ToHaveTextAsync(Unknown);
        await Expect(failed.Locator(".state-cell")).ToHaveTextAsync(words.Failed);
        await Expect(failed.Locator(".failure-reason")).ToHaveTextAsync(words.UnknownUserReason);
        if (script.TrackingPage is not null)
        {
            await Screenshots.SaveAsync(alice, script.TrackingPage);
        }

        await tabs.Locator("a[data-filter=read]").ClickAsync();
        await Expect(alice).ToHaveURLAsync(new Regex(@"/tracking\?filter=read$"));
        var read = alice.Locator(".tracking-row", new() { HasText = script.Subject });
        await Expect(read).ToHaveCountAsync(1);
        await Expect(read.Locator(".recipient-address")).ToHaveTextAsync(people.BobAddress);
        await Expect(read.Locator(".state-read-displayed")).ToHaveTextAsync(words.Read);

        Assert.Empty(people.AliceErrors.All);
        Assert.Empty(people.BobErrors.All);
    }
}
