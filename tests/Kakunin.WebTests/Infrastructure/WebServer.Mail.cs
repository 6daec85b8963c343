using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.Store;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Playwright;
using MimeKit;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>Mail for the mail pages' tests: users of their own, messages over SMTP or seeded into the store.</summary>
public sealed partial class WebServer
{
    /// <summary>
    /// A new user on the demo domain with the demo password: a test that counts or pages a mailbox owns it, so
    /// tests running at the same time never see each other's mail.
    /// </summary>
    public async Task<string> CreateUserAsync(string name)
    {
        var address = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@example.test";
        await using var store = await Process.OpenStoreAsync();
        await store.Directory.AddUserAsync(address, KakuninProcess.Password, CancellationToken.None);
        return address;
    }

    /// <summary>Delivers a message as another mail server would: plain SMTP to the server's port 25 listener.</summary>
    public async Task SendSmtpAsync(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", Process.SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>Puts messages straight into a folder in one commit (for lists too long to send one by one); returns their ids.</summary>
    /// <param name="reportState">"matched" or "unmatched" to file them as reports that came back (as tracking marks them).</param>
    public async Task<IReadOnlyList<long>> SeedAsync(string user, string folder, IReadOnlyList<MimeMessage> messages, DateTimeOffset receivedAt, string? reportState = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var contents = messages.Select(m =>
        {
            using var stream = new MemoryStream();
            m.WriteTo(stream);
            return stream.ToArray();
        }).ToList();
        await using var store = await Process.OpenStoreAsync();
        return await store.Writer.WriteAsync(tx =>
        {
            var userId = DirectoryRepository.FindUserId(tx, user) ?? throw new InvalidOperationException("no user " + user);
            return (IReadOnlyList<long>)[.. contents.Select((c, i) => MailboxRepository.Append(tx, userId, folder, c, string.Empty, receivedAt.AddSeconds(i), reportState: reportState))];
        }, CancellationToken.None);
    }

    /// <summary>A plain text message from someone outside.</summary>
    public static MimeMessage TextMessage(string to, string subject, string body, string from = "Dana Sender <dana@outside.test>")
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("outside.test") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>Signs in as <paramref name="address"/> in a fresh context and returns both.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(IBrowser browser, string address, BrowserNewContextOptions? options = null)
    {
        var context = await NewContextAsync(browser, options);
        var page = await context.NewPageAsync();
        await SignInAsync(page, address);
        return (context, page);
    }

    /// <summary>Reloads until <paramref name="locator"/> shows <paramref name="expected"/> (for what the queue does in the background).</summary>
    public static async Task ReloadUntilAsync(IPage page, ILocator locator, Regex expected, int seconds = 20)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(locator);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var texts = await locator.AllInnerTextsAsync();
            if (texts.Any(expected.IsMatch))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"after {seconds}s still no {expected} in [{string.Join(" | ", texts)}]");
            }

            await Task.Delay(250);
            await page.ReloadAsync();
        }
    }
}
