using Kakunin.IntegrationTests;
using Kakunin.Store;
using Kakunin.Store.Settings;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Playwright;
using MimeKit;

namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// Mail for the tracking and read-receipt tests, through the real server: users of their own, messages submitted
/// over SMTP (MailKit) with DSN parameters and read-receipt requests, and the settings a user would save.
/// </summary>
public static class TrackingMail
{
    /// <summary>A new user on the demo domain with the demo password, unique to the test.</summary>
    public static async Task<string> NewUserAsync(this KakuninProcess server, string name)
    {
        var address = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@example.test";
        await using var store = await server.OpenStoreAsync();
        await store.Directory.AddUserAsync(address, KakuninProcess.Password, CancellationToken.None);
        return address;
    }

    /// <summary>
    /// <paramref name="from"/> submits one message (port 587, STARTTLS, AUTH) to <paramref name="to"/>, asking for
    /// delivery reports (NOTIFY=SUCCESS,FAILURE,DELAY) and, when <paramref name="readReceipt"/>, a read receipt
    /// (Disposition-Notification-To: the sender, RFC 8098 §2.1).
    /// </summary>
    public static async Task<MimeMessage> SubmitAsync(this KakuninProcess server, string from, IReadOnlyList<string> to, string subject, bool readReceipt)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.test") };
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        if (readReceipt)
        {
            message.Headers.Add("Disposition-Notification-To", from);
        }

        message.Body = new TextPart("plain") { Text = "Please confirm.\r\n" };
        using var client = await DsnSmtpClient.ConnectAsync(server, from);
        client.Notify = DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure | DeliveryStatusNotification.Delay;
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
        return message;
    }

    /// <summary>A message from outside, over port 25, whose notification address and envelope sender are both outside.</summary>
    public static async Task SendFromOutsideAsync(this KakuninProcess server, string to, string subject, string returnPath, string notifyTo)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("outside.test") };
        message.From.Add(MailboxAddress.Parse(notifyTo));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("Disposition-Notification-To", notifyTo);
        message.Body = new TextPart("plain") { Text = "From outside.\r\n" };
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message, MailboxAddress.Parse(returnPath), [MailboxAddress.Parse(to)]);
        await client.DisconnectAsync(true);
    }

    /// <summary>
    /// A report "from outside" over port 25 from the null reverse-path (RFC 5321 §4.5.5), as anyone on the internet can
    /// send one: plain SMTP written by hand, because MailKit has no way to say MAIL FROM:&lt;&gt;. Returns the DATA reply.
    /// </summary>
    public static async Task<string> SendReportFromOutsideAsync(this KakuninProcess server, string to, string text)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.SmtpPort);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        async Task<string> ReplyAsync()
        {
            string? line;
            var all = new System.Text.StringBuilder();
            do
            {
                line = await reader.ReadLineAsync() ?? throw new IOException("connection closed");
                all.AppendLine(line);
            }
            while (line.Length > 3 && line[3] == '-');
            return all.ToString();
        }

        async Task<string> SayAsync(string line)
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\r\n"));
            return await ReplyAsync();
        }

        await ReplyAsync();
        await SayAsync("EHLO forger.example");
        await SayAsync("MAIL FROM:<>");
        await SayAsync($"RCPT TO:<{to}>");
        await SayAsync("DATA");
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        var reply = await SayAsync(body.TrimEnd() + "\r\n.");
        await SayAsync("QUIT");
        return reply;
    }

    /// <summary>Waits until <paramref name="user"/> has the message with this Message-ID in <paramref name="folder"/>; returns its id.</summary>
    public static async Task<long> WaitForStoredAsync(this KakuninProcess server, string user, string folder, string? messageId)
    {
        long id = 0;
        await server.WaitForAsync(async () =>
        {
            await using var store = await server.OpenStoreAsync();
            foreach (var stored in await store.Mailboxes.ListAsync(user, folder, CancellationToken.None))
            {
                using var stream = new MemoryStream(stored.Content.ToArray());
                if ((await MimeMessage.LoadAsync(stream)).MessageId == messageId)
                {
                    id = stored.Id;
                    return true;
                }
            }

            return false;
        }, $"message {messageId} in {user}'s {folder}");
        return id;
    }

    /// <summary>The read receipts (MDNs, RFC 8098) in the user's Receipts and Inbox.</summary>
    public static async Task<int> CountReadReceiptsAsync(this KakuninProcess server, string user)
    {
        var count = 0;
        foreach (var folder in new[] { MailFolders.Receipts, MailFolders.Inbox })
        {
            count += (await server.FolderAsync(user, folder)).Count(m =>
                m.Body is MultipartReport { ReportType: var type } && string.Equals(type, "disposition-notification", StringComparison.OrdinalIgnoreCase));
        }

        return count;
    }

    /// <summary>Changes a user's settings as the settings page would save them.</summary>
    public static async Task SetSettingsAsync(this KakuninProcess server, string user, Func<UserSettings, UserSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var store = await server.OpenStoreAsync();
        var settings = await store.Settings.GetUserAsync(user, CancellationToken.None);
        await store.Settings.SaveUserAsync(user, change(settings), CancellationToken.None);
    }

    /// <summary>Reloads the page until <paramref name="locator"/> shows <paramref name="expected"/> (for what the queue does in the background).</summary>
    public static async Task RefreshUntilAsync(this IPage page, ILocator locator, Regex expected, int seconds = 20)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(locator);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var texts = await locator.AllInnerTextsAsync();
            if (texts.Any(t => expected.IsMatch(t.Trim())))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"after {seconds}s still no {expected} in [{string.Join(" | ", texts)}]");
            }

            await Task.Delay(200);
            await page.ReloadAsync();
        }
    }
}
