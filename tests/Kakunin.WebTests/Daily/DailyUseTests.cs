using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using Kakunin.WebTests.Journey;
using Microsoft.Playwright;
using static Kakunin.WebTests.Journey.Journeys;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Daily;

/// <summary>
/// Issue 16, items 2 and 3, as Alice and Bob use them: Settings from the navigation, Alice's name in the From Bob
/// sees in his list and message, the Read column saying nothing when no receipt was asked, Bob's receipt in words in
/// Alice's history (never the raw Disposition field), the banner's two buttons one height and its notice styled as one;
/// and a password change that needs the current password and signs out every other session.
/// </summary>
public abstract class DailyUseTests(JourneyPeople people, JourneyWords journey, DailyWords words, string deliveredOne, string deliveredReadOne)
{
    [Fact]
    public async Task Alices_name_reaches_Bob_and_the_tracking_tab_speaks_plainly()
    {
        var (alice, bob) = (people.Alice, people.Bob);

        // Settings is in the navigation of every signed-in page.
        await alice.GotoAsync("/mail/Inbox");
        var nav = alice.Locator("#sidebar").GetByRole(AriaRole.Link, new() { Name = words.Settings, Exact = true });
        await nav.ClickAsync();
        await Expect(alice.Locator("h1")).ToHaveTextAsync(journey.SettingsTitle);
        await Expect(nav).ToHaveAttributeAsync("aria-current", "page");
        await alice.GetByRole(AriaRole.Link, new() { Name = words.NameAndPassword, Exact = true }).ClickAsync();
        await Expect(alice.Locator("h1")).ToHaveTextAsync(words.NameAndPassword);
        await alice.GetByLabel(words.NameLabel, new() { Exact = true }).FillAsync(words.DisplayName);
        await alice.GetByRole(AriaRole.Button, new() { Name = words.SaveName, Exact = true }).ClickAsync();
        await Expect(alice.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.NameSaved);
        await Expect(alice.GetByLabel(words.NameLabel, new() { Exact = true })).ToHaveValueAsync(words.DisplayName);

        // No read receipt asked: Bob sees Alice by name; Alice's Read column says nothing is missing.
        var quiet = "Lunch on Friday " + people.Locale;
        await SaveReceiptSettingsAsync(bob, journey, journey.Ask, deletedUnread: false);
        await ComposeAndSendAsync(alice, journey, people.BobAddress, quiet, "Shall we try the new place by the station?", deliveryReceipt: false, readReceipt: false);
        var row = await WaitInInboxAsync(bob, quiet);
        await Expect(row.Locator(".message-who")).ToHaveTextAsync(words.DisplayName);
        await row.ClickAsync();
        await Expect(bob.Locator(".message-from")).ToContainTextAsync(words.DisplayName);
        await Expect(bob.Locator(".message-from")).ToContainTextAsync(people.AliceAddress);
        await WaitForIdleQueueAsync(bob);
        await OpenSentAsync(alice, quiet, deliveredOne);
        var read = Recipient(alice, journey, people.BobAddress).Locator(".read");
        await Expect(read.Locator("[data-read-requested=no]")).ToHaveCountAsync(1);
        await Expect(read).ToHaveTextAsync("—" + words.NotRequested);
        await Expect(read).Not.ToContainTextAsync(journey.NoReceiptYet);

        // A read receipt asked and sent from the banner.
        var asked = "Contract for signature " + people.Locale;
        await ComposeAndSendAsync(alice, journey, people.BobAddress, asked, "Please read and sign by Monday.", deliveryReceipt: false, readReceipt: true);
        await OpenSentAsync(alice, asked, deliveredOne);
        await Expect(Recipient(alice, journey, people.BobAddress).Locator(".read .state")).ToHaveTextAsync(journey.NoReceiptYet);
        await OpenFromInboxAsync(bob, asked);
        var banner = bob.GetByRole(AriaRole.Region, new() { Name = journey.BannerQuestion });
        var send = (await banner.GetByRole(AriaRole.Button, new() { Name = journey.SendReceipt, Exact = true }).BoundingBoxAsync())!;
        var dont = (await banner.GetByRole(AriaRole.Button, new() { Name = journey.DontSend, Exact = true }).BoundingBoxAsync())!;
        Assert.Equal(send.Height, dont.Height, 0.5);
        await banner.GetByRole(AriaRole.Button, new() { Name = journey.SendReceipt, Exact = true }).ClickAsync();
        var notice = bob.GetByRole(AriaRole.Status);
        await Expect(notice).ToHaveTextAsync(journey.ReceiptSent);
        await Expect(notice).ToHaveClassAsync(new Regex(@"\bnotice\b"));
        Assert.NotEqual("rgba(0, 0, 0, 0)", await notice.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await OpenSentAsync(alice, asked, deliveredReadOne);
        var bobRow = Recipient(alice, journey, people.BobAddress);
        await bobRow.Locator("details.timeline summary").ClickAsync();
        await Expect(bobRow.Locator(".disposition-words")).ToHaveTextAsync(words.OpenedSentByReader);
        var tab = alice.Locator(".tracking-tab");
        await Expect(tab).Not.ToContainTextAsync("MDN-sent");
        await Expect(tab).Not.ToContainTextAsync("manual-action");
        await Screenshots.SaveAsync(alice, "tracking-history-words-" + people.Locale[..2]);
        Assert.Empty(people.AliceErrors.All);
        Assert.Empty(people.BobErrors.All);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_signs_out_every_other_session()
    {
        var user = await people.Server.CreateUserAsync("pw");
        var (here, page) = await people.SignInAsync(user);
        var (elsewhere, other) = await people.SignInAsync(user);
        await using (here)
        await using (elsewhere)
        {
            await page.GotoAsync("/settings/account");
            var current = page.GetByLabel(words.CurrentPassword, new() { Exact = true });
            var fresh = page.GetByLabel(words.NewPassword, new() { Exact = true });
            var again = page.GetByLabel(words.RepeatPassword, new() { Exact = true });
            var change = page.GetByRole(AriaRole.Button, new() { Name = words.ChangePassword, Exact = true });
            const string newPassword = "correct horse battery staple 16";

            await current.FillAsync("not my password");
            await fresh.FillAsync(newPassword);
            await again.FillAsync(newPassword);
            await change.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(words.WrongCurrent);

            await current.FillAsync(KakuninProcess.Password);
            await fresh.FillAsync(newPassword);
            await again.FillAsync(newPassword + "!");
            await change.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(words.Mismatch);

            // Nothing changed so far: the other session still works.
            await other.GotoAsync("/mail/Inbox");
            await Expect(other).ToHaveURLAsync(new Regex("/mail/Inbox$"));

            await current.FillAsync(KakuninProcess.Password);
            await fresh.FillAsync(newPassword);
            await again.FillAsync(newPassword);
            await change.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.PasswordChanged);

            // This session goes on; the other one is signed out.
            await page.GotoAsync("/mail/Inbox");
            await Expect(page).ToHaveURLAsync(new Regex("/mail/Inbox$"));
            await other.GotoAsync("/mail/Inbox");
            await Expect(other).ToHaveURLAsync(new Regex("/login"));

            // The old password no longer signs in; the new one does.
            await WebServer.SubmitSignInAsync(other, user, KakuninProcess.Password);
            await Expect(other).ToHaveURLAsync(new Regex("/login"));
            await WebServer.SignInAsync(other, user, newPassword);
        }
    }
}

public sealed class DailyUseTestsEn(DailyPeopleEn people) : DailyUseTests(people, JourneyWords.English, DailyWords.English, "Delivered 1/1", "Delivered 1/1 · Read 1/1"), IClassFixture<DailyPeopleEn>;

public sealed class DailyUseTestsJa(DailyPeopleJa people) : DailyUseTests(people, JourneyWords.Japanese, DailyWords.Japanese, "配信 1/1", "配信 1/1 · 開封 1/1"), IClassFixture<DailyPeopleJa>;
