using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kakunin.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Mail;

/// <summary>Alice and Bob write to each other through the web pages, as people would, each in a browser of their own.</summary>
public sealed class MailFlowTests(WebFixture web)
{
    [Fact]
    public async Task Alice_sends_with_an_attachment_and_receipts_Bob_reads_downloads_and_replies_Alice_sees_the_reply()
    {
        var subject = "Contract " + Guid.NewGuid().ToString("N")[..6];
        var attachment = RandomNumberGenerator.GetBytes(40_000);

        var (aliceContext, alice) = await web.Server.SignedInAsync(web.Browser, WebServer.Alice);
        await using var _ = aliceContext;
        var aliceErrors = new PageErrors(alice);
        await alice.GetByRole(AriaRole.Link, new() { Name = "Compose" }).ClickAsync();
        await Expect(alice).ToHaveURLAsync(new Regex("/compose$"));
        await Expect(alice.GetByLabel("To", new() { Exact = true })).ToBeFocusedAsync();
        await alice.GetByLabel("To", new() { Exact = true }).FillAsync("Bob <bob@example.test>");
        await alice.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
        await alice.GetByLabel("Message", new() { Exact = true }).FillAsync("Please sign.\nThe second page needs your initials.");
        await alice.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload { Name = "contract.pdf", MimeType = "application/pdf", Buffer = attachment });
        await Expect(alice.GetByLabel("Request a delivery receipt")).Not.ToBeCheckedAsync();
        await alice.GetByLabel("Request a delivery receipt").CheckAsync();
        await alice.GetByLabel("Request a read receipt").CheckAsync();
        await Screenshots.SaveAsync(alice, "mail-compose");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(alice).ToHaveURLAsync(new Regex("/mail/Sent/\\d+\\?notice=sent$"));
        await Expect(alice.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sent.");
        await Expect(alice.Locator("h1")).ToHaveTextAsync(subject);
        await Expect(alice.Locator(".message-to")).ToHaveTextAsync("Bob <bob@example.test>");
        await alice.GetByRole(AriaRole.Link, new() { Name = "Back to Sent" }).ClickAsync();
        var sentRow = alice.Locator(".message-row", new() { HasText = subject });
        await Expect(sentRow.Locator(".message-who")).ToHaveTextAsync("To: Bob");
        await WebServer.ReloadUntilAsync(alice, sentRow.Locator(".message-tracking"), new Regex("^Delivered 1/1$"));
        await Expect(sentRow).ToHaveAccessibleNameAsync(new Regex("Delivered 1/1$"));
        await Screenshots.SaveAsync(alice, "mail-sent-tracking");
        Assert.Empty(aliceErrors.All);

        // Bob, in a browser of his own.
        var (bobContext, bob) = await web.Server.SignedInAsync(web.Browser, WebServer.Bob);
        await using var __ = bobContext;
        var bobErrors = new PageErrors(bob);
        var row = bob.Locator(".message-row", new() { HasText = subject });
        await WebServer.ReloadUntilAsync(bob, row, new Regex(Regex.Escape(subject)));
        Assert.Equal("700", await row.EvaluateAsync<string>("e => getComputedStyle(e.querySelector('.message-subject')).fontWeight"));
        await Expect(row.Locator(".message-who")).ToHaveTextAsync("alice@example.test");
        await Expect(row.Locator(".message-attachment")).ToBeVisibleAsync();
        var badge = bob.Locator("#sidebar a[data-folder=Inbox] .badge");
        var unread = int.Parse(await badge.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(unread >= 1);
        await Expect(bob.Locator("#sidebar a[data-folder=Inbox]")).ToContainTextAsync(unread == 1 ? "(1 unread message)" : $"({unread} unread messages)");

        await row.ClickAsync();
        await Expect(bob.Locator("h1")).ToHaveTextAsync(subject);
        await Expect(bob.Locator(".message-from")).ToHaveTextAsync("alice@example.test");
        await Expect(bob.Locator(".message-text")).ToHaveTextAsync("Please sign.\nThe second page needs your initials.");
        await Screenshots.SaveAsync(bob, "mail-message");
        if (unread == 1)
        {
            await Expect(badge).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(badge).ToHaveTextAsync((unread - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var download = await bob.RunAndWaitForDownloadAsync(() => bob.GetByRole(AriaRole.Link, new() { Name = "Download contract.pdf" }).ClickAsync());
        Assert.Equal("contract.pdf", download.SuggestedFilename);
        Assert.Equal(attachment, await File.ReadAllBytesAsync((await download.PathAsync())!));
        var part = await bobContext.APIRequest.GetAsync(new Uri(download.Url).PathAndQuery);
        Assert.Equal("application/pdf", part.Headers["content-type"]);
        Assert.Equal("nosniff", part.Headers["x-content-type-options"]);
        Assert.StartsWith("attachment; filename=contract.pdf", part.Headers["content-disposition"], StringComparison.Ordinal);

        await bob.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();
        await Expect(bob.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync("alice@example.test");
        await Expect(bob.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Re: " + subject);
        await Expect(bob.GetByLabel("Message", new() { Exact = true })).ToBeFocusedAsync();
        var quoted = await bob.GetByLabel("Message", new() { Exact = true }).InputValueAsync();
        Assert.StartsWith("\n\nOn ", quoted, StringComparison.Ordinal);
        Assert.Contains("alice@example.test wrote:\n> Please sign.\n> The second page needs your initials.", quoted, StringComparison.Ordinal);
        await bob.GetByLabel("Message", new() { Exact = true }).PressAsync("Control+Home");
        await bob.Keyboard.TypeAsync("Signed and returned.");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(bob.Locator("h1")).ToHaveTextAsync("Re: " + subject);
        Assert.Empty(bobErrors.All);

        // Alice sees the reply, threaded to her message (RFC 5322 §3.6.4).
        await alice.GotoAsync("/mail/Inbox");
        var reply = alice.Locator(".message-row", new() { HasText = "Re: " + subject });
        await WebServer.ReloadUntilAsync(alice, reply, new Regex("Re: " + Regex.Escape(subject)));
        await Expect(reply).ToHaveClassAsync(new Regex("unread"));
        await reply.ClickAsync();
        await Expect(alice.Locator(".message-text")).ToContainTextAsync("Signed and returned.\n\nOn ");
        var original = (await web.Server.Process.FolderAsync(WebServer.Alice, "Sent")).Single(m => m.Subject == subject);
        var received = (await web.Server.Process.FolderAsync(WebServer.Alice, "Inbox")).Single(m => m.Subject == "Re: " + subject);
        Assert.Equal(original.MessageId, received.InReplyTo);
        Assert.Equal([original.MessageId!], received.References);
        Assert.Contains("alice@example.test", original.Headers["Disposition-Notification-To"], StringComparison.Ordinal);
        Assert.Null(original.Headers["X-Kakunin-Request-DSN"]);
    }
}
