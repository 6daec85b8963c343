using System.Text;
using System.Text.RegularExpressions;
using Kakunin.IntegrationTests;
using Kakunin.Store;
using Kakunin.Store.Tests;
using Kakunin.WebTests.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Data.Sqlite;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Kakunin.WebTests.Integrity;

/// <summary>
/// Bytes changed inside a delivered message where it lies in the real SQLite file, as a failing disk would change them:
/// the server goes on (the database's structure is intact, quick_check passes), but every read of that message finds
/// its checksum wrong. Chromium shows it damaged, in English and Japanese, as stored (not repaired); the log, /metrics,
/// /health and <c>kakunin mailbox show</c> say so.
/// </summary>
public sealed partial class DamagedMessageTests(WebFixture web)
{
    private const string Sentence = "Please sign the contract by Friday, ref KX-7731.";
    private const string Changed = "Please sign the contract by Monday, ref KX-7731.";

    [Fact]
    public async Task A_message_whose_bytes_changed_on_disk_is_shown_damaged_and_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("kakunin-damaged-message-").FullName;
        var ports = new[] { KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort() };
        await using (var first = await KakuninProcess.StartAsync(data, ports: ports, environment: WebServer.LenientThrottle))
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", first.SmtpPort, SecureSocketOptions.None, ct);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("carol@example.net"));
            message.To.Add(MailboxAddress.Parse(WebServer.Bob));
            message.Subject = "Contract KX-7731";
            message.Body = new TextPart("plain") { Text = Sentence };
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
            await first.WaitForMessageAsync(WebServer.Bob, MailFolders.Inbox, m => m.Subject == "Contract KX-7731", "the contract in Bob's Inbox");
        } // SIGKILL: the server is gone, its WAL still beside the file

        SqliteConnection.ClearAllPools();
        var path = Path.Combine(data, "kakunin.db");
        DamagedFile.Checkpoint(path);
        Assert.True(DamagedFile.ChangeInPlace(path, Encoding.ASCII.GetBytes(Sentence), Encoding.ASCII.GetBytes(Changed)) >= 1);

        await using var server = await KakuninProcess.StartAsync(data, ports: ports, environment: WebServer.LenientThrottle);
        long id;
        await using (var store = await server.OpenStoreAsync())
        {
            var stored = Assert.Single(await store.Mailboxes.ListAsync(WebServer.Bob, MailFolders.Inbox, ct), m => Encoding.ASCII.GetString(m.Content.Span).Contains("KX-7731", StringComparison.Ordinal) && m.Content.Span.IndexOf("Subject: Contract"u8) >= 0);
            Assert.True(stored.IsDamaged);
            id = stored.Id;
        }

        var baseUrl = $"http://127.0.0.1:{server.HttpPort}";
        foreach (var (locale, title, explanation) in new[]
        {
            ("en-GB", "This message is damaged", "It is shown as it is stored now, not repaired."),
            ("ja-JP", "このメッセージは破損しています", "修復はせず、現在保存されているとおりに表示しています。"),
        })
        {
            await using var context = await web.Browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = locale });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/login");
            await WebServer.SignInAsync(page, WebServer.Bob);
            await page.GetByText("Contract KX-7731").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/mail/Inbox/{id}$"));
            var banner = page.Locator(".damaged-message");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToHaveAttributeAsync("role", "alert");
            await Expect(banner).ToContainTextAsync(title);
            await Expect(banner).ToContainTextAsync(explanation);
            await Expect(page.Locator("#message-subject")).ToHaveTextAsync("Contract KX-7731"); // the rest is shown as stored
            await Screenshots.SaveAsync(page, locale == "en-GB" ? "damaged-message" : "damaged-message-ja");
        }

        // Counted once however often it was read (page, body frame, two languages); each read counted apart.
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"{baseUrl}/metrics"), ct);
        Assert.Matches(@"(?m)^kakunin_store_damaged_messages_total\{[^}]*source=""mailbox""[^}]*\} 1$", metrics);
        Assert.Matches(@"(?m)^kakunin_store_damaged_reads_total\{[^}]*source=""mailbox""[^}]*\} ([2-9]|\d\d+)$", metrics);
        Assert.Matches(@"(?m)^kakunin_store_integrity_ok(\{[^}]*\})? 1$", metrics); // the file's structure is fine

        var health = await http.GetStringAsync(new Uri($"{baseUrl}/health"), ct);
        Assert.Matches(@"""store-integrity"":\{""status"":""degraded"",""description"":""1 damaged message\(s\) found", health);

        Assert.Single(DamagedLine().Matches(server.Log), m => m.Groups[1].Value == id.ToString(System.Globalization.CultureInfo.InvariantCulture)); // logged once

        // The administrator's command says so instead of writing damaged bytes, unless asked to.
        var (exit, output, error) = await KakuninCli.RunAsync("mailbox", "show", WebServer.Bob, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains($"message {id} of {WebServer.Bob} is damaged", error, StringComparison.Ordinal);
        (exit, output, _) = await KakuninCli.RunAsync("mailbox", "show", WebServer.Bob, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data, "--as-stored");
        Assert.Equal(0, exit);
        Assert.Contains(Changed, output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Damaged message: message (\d+) of bob@example\.test")]
    private static partial Regex DamagedLine();
}
