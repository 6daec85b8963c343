using System.Text.Json;
using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Journey;

/// <summary>
/// Alice and Bob of the receipt journeys: users of their own on the shared server (so that Bob's settings never reach
/// another test), each signed in once in a browser of their own at 1280×800, in one language and time zone. The tests
/// of a class run one after another, so they share the two pages; every test sets the settings it relies on.
/// </summary>
public abstract class JourneyPeople(WebFixture web, string aliceName, string bobName, string locale, string timeZone) : IAsyncLifetime
{
    private IBrowserContext? _alice;
    private IBrowserContext? _bob;

    public WebServer Server => web.Server;

    public IBrowser Browser => web.Browser;

    public string AliceAddress { get; } = aliceName + "@example.test";

    public string BobAddress { get; } = bobName + "@example.test";

    public string Locale => locale;

    public IPage Alice { get; private set; } = null!;

    public IPage Bob { get; private set; } = null!;

    public PageErrors AliceErrors { get; private set; } = null!;

    public PageErrors BobErrors { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await using (var store = await Server.Process.OpenStoreAsync())
        {
            await store.Directory.AddUserAsync(AliceAddress, KakuninProcess.Password, CancellationToken.None);
            await store.Directory.AddUserAsync(BobAddress, KakuninProcess.Password, CancellationToken.None);
        }

        (_alice, Alice) = await SignInAsync(AliceAddress);
        (_bob, Bob) = await SignInAsync(BobAddress);
        AliceErrors = new PageErrors(Alice);
        BobErrors = new PageErrors(Bob);
    }

    /// <summary>A further browser of Bob's (a phone, a second window), signed in; the caller disposes it.</summary>
    public Task<(IBrowserContext Context, IPage Page)> SignInAsync(string address, int width = 1280, int height = 800, bool phone = false) =>
        Server.SignInNewAsync(Browser, address, new BrowserNewContextOptions
        {
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
        });

    public async ValueTask DisposeAsync()
    {
        if (_alice is not null)
        {
            await _alice.DisposeAsync();
        }

        if (_bob is not null)
        {
            await _bob.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Alice and Bob in English browsers in London.</summary>
public sealed class EnglishPeople(WebFixture web) : JourneyPeople(web, "alice-journey", "bob-journey", "en-GB", "Europe/London");

/// <summary>Alice and Bob in Japanese browsers in Tokyo (Accept-Language: ja-JP; nothing saved in their settings).</summary>
public sealed class JapanesePeople(WebFixture web) : JourneyPeople(web, "alice-journey-ja", "bob-journey-ja", "ja-JP", "Asia/Tokyo");

/// <summary>What a person does and sees in the journeys, on the pages themselves.</summary>
public static class Journeys
{
    /// <summary>A time as the page shows it after kakunin.js put it in the reader's zone: "4 May 2026, 13:05", "2026年5月4日 22:05".</summary>
    public static readonly Regex ShownTime = new(@"\d{1,2}:\d{2}");

    /// <summary>Writes a message on the compose page and sends it; returns on the Sent copy ("Sent.").</summary>
    public static async Task ComposeAndSendAsync(IPage page, JourneyWords words, string to, string subject, string body, bool deliveryReceipt, bool readReceipt, string? screenshot = null)
    {
        await page.GotoAsync("/compose");
        await page.GetByLabel(words.ToLabel, new() { Exact = true }).FillAsync(to);
        await page.GetByLabel(words.SubjectLabel, new() { Exact = true }).FillAsync(subject);
        await page.GetByLabel(words.BodyLabel, new() { Exact = true }).FillAsync(body);
        var dsn = page.GetByLabel(words.RequestDeliveryReceipt, new() { Exact = true });
        var mdn = page.GetByLabel(words.RequestReadReceipt, new() { Exact = true });
        await dsn.SetCheckedAsync(deliveryReceipt);
        await mdn.SetCheckedAsync(readReceipt);
        if (screenshot is not null)
        {
            // The whole form, To to Send, does not fit 800px: this one picture is as tall as the page.
            var size = page.ViewportSize!;
            await page.SetViewportSizeAsync(size.Width, await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight"));
            await Screenshots.SaveAsync(page, screenshot);
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = words.SendButton, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Sent/\d+\?notice=sent$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(subject);
    }

    /// <summary>The row of a message in the list on screen.</summary>
    public static ILocator Row(IPage page, string subject) =>
        page.Locator(".message-row").Filter(new() { Has = page.Locator(".message-subject", new() { HasTextRegex = new Regex("^" + Regex.Escape(subject) + "$") }) });

    /// <summary>Bob's Inbox, reloaded until the message has arrived; returns its row.</summary>
    public static async Task<ILocator> WaitInInboxAsync(IPage page, string subject)
    {
        await page.GotoAsync("/mail/Inbox");
        await page.RefreshUntilAsync(page.Locator(".message-row .message-subject"), new Regex("^" + Regex.Escape(subject) + "$"));
        return Row(page, subject);
    }

    /// <summary>Opens a message from the Inbox list, as a person clicks it.</summary>
    public static async Task OpenFromInboxAsync(IPage page, string subject)
    {
        var row = await WaitInInboxAsync(page, subject);
        await row.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Inbox/\d+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(subject);
    }

    /// <summary>Alice's Sent list, reloaded until the message's tracking line reads <paramref name="line"/>; then the Sent item opened from it.</summary>
    public static async Task OpenSentAsync(IPage page, string subject, string line)
    {
        await page.GotoAsync("/mail/Sent");
        var row = Row(page, subject);
        await page.RefreshUntilAsync(row.Locator(".message-tracking"), new Regex("^" + Regex.Escape(line) + "$"));
        await row.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail/Sent/\d+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(subject);
    }

    /// <summary>A recipient's row in the Tracking tab on the page.</summary>
    public static ILocator Recipient(IPage page, JourneyWords words, string address) =>
        page.GetByRole(AriaRole.Table, new() { Name = words.TrackingCaption }).Locator($"tbody > tr[data-recipient='{address}']");

    /// <summary>
    /// Saves the three read-receipt choices and the "deleted without being read" box on the settings page, as Bob would.
    /// </summary>
    public static async Task SaveReceiptSettingsAsync(IPage page, JourneyWords words, string choice, bool deletedUnread, string? screenshot = null)
    {
        await page.GotoAsync("/settings");
        await Expect(page.Locator("h1")).ToHaveTextAsync(words.SettingsTitle);
        foreach (var question in words.SettingsQuestions)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true })
                .GetByRole(AriaRole.Radio, new() { Name = choice, Exact = true }).CheckAsync();
        }

        await page.GetByLabel(words.SettingsDeletedUnread).SetCheckedAsync(deletedUnread);
        await page.GetByRole(AriaRole.Button, new() { Name = words.SettingsSave, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.SettingsSaved);
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(page, screenshot);
        }
    }

    /// <summary>
    /// Waits until GET /health says no recipient is open in the queue. Whatever our last click queued (a read receipt,
    /// a "deleted" notification) has then been delivered and recorded: if it changed nothing, nothing was sent.
    /// </summary>
    public static async Task WaitForIdleQueueAsync(IPage page, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        long open;
        while (true)
        {
            var response = await page.APIRequest.GetAsync("/health");
            Assert.True(response.Ok, $"/health answered {response.Status}");
            using (var health = JsonDocument.Parse(await response.TextAsync()))
            {
                Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
                open = health.RootElement.GetProperty("queuedRecipients").GetInt64();
            }

            if (open == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"after {seconds}s /health still shows {open} open recipients");
            await Task.Delay(200);
        }
    }
}
