using System.Net;
using System.Text;
using System.Text.Json;
using Kakunin.Store;
using Kakunin.Store.Tests;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Kakunin.IntegrationTests.Integrity;

/// <summary>
/// A real <c>kakunin serve</c> on a really damaged database file (docs/storage.md): a page in the middle overwritten with
/// garbage while the server was down. It starts, /health says failing, /metrics says 0, the log says what to do, and
/// new mail is refused with 451 4.3.2 over SMTP (MailKit), submission (<c>kakunin send</c>) and the webmail alike.
/// </summary>
public sealed class StoreDamageTests
{
    [Fact]
    public async Task A_damaged_page_fails_health_and_new_mail_is_refused_everywhere()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("kakunin-damage-").FullName;
        var ports = new[] { KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort() };
        await (await KakuninProcess.StartAsync(data, ports: ports)).DisposeAsync(); // the demo users, then the server is gone (SIGKILL)

        // Enough mail that the messages table spans many pages; then the server's file gets a page of garbage.
        await using (var store = await KakuninStore.OpenAsync(data, cancellationToken: ct))
        {
            for (var i = 0; i < 300; i++)
            {
                await store.Mailboxes.AppendAsync("bob@example.test", MailFolders.Inbox, Encoding.ASCII.GetBytes($"Subject: filler {i}\r\n\r\n{new string('x', 200)}\r\n"), string.Empty, DateTimeOffset.UnixEpoch, ct);
            }
        }

        SqliteConnection.ClearAllPools();
        var path = Path.Combine(data, "kakunin.db");
        DamagedFile.Checkpoint(path);
        var leaves = DamagedFile.LeafPages(path, "messages");
        DamagedFile.OverwritePage(path, leaves[leaves.Count / 2]);

        await using var server = await KakuninProcess.StartAsync(data, ports: ports, healthy: false);

        // /health: 503, store-integrity failing, in words that say what happened.
        using var http = new HttpClient();
        using (var health = await http.GetAsync(new Uri($"http://127.0.0.1:{server.HttpPort}/health"), ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync(ct));
            Assert.Equal("failing", json.RootElement.GetProperty("status").GetString());
            var check = json.RootElement.GetProperty("checks").GetProperty("store-integrity");
            Assert.Equal("failing", check.GetProperty("status").GetString());
            var description = check.GetProperty("description").GetString()!;
            Assert.Contains("quick_check found the database damaged", description, StringComparison.Ordinal);
            // A whole page of garbage stops quick_check itself (SQLITE_CORRUPT); a page damaged in part gets listed by number.
            Assert.Contains("database disk image is malformed", description, StringComparison.Ordinal);
        }

        // SMTP from another server: refused at MAIL, before a byte of the message is sent.
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync("127.0.0.1", server.SmtpPort, SecureSocketOptions.None, ct);
            var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Mail("carol@example.net", "bob@example.test"), ct));
            Assert.Equal(SmtpErrorCode.SenderNotAccepted, refused.ErrorCode);
            Assert.Equal(451, (int)refused.StatusCode);
            Assert.StartsWith("4.3.2 Mail store failed its integrity check", refused.Message, StringComparison.Ordinal);
        }

        // Submission by a user, with the kakunin command: the reply reaches the person who sent.
        var (exit, _, error) = await KakuninCli.RunAsync(
            "send", "--server", $"127.0.0.1:{server.SubmissionPort}", "--insecure", "--user", "alice@example.test", "--password", KakuninProcess.Password,
            "--from", "alice@example.test", "--to", "bob@example.test", "--subject", "refused", "--body", "x");
        Assert.NotEqual(0, exit);
        Assert.Contains("451", error, StringComparison.Ordinal);
        Assert.Contains("integrity check", error, StringComparison.Ordinal);

        // The webmail: the form comes back with the reason, nothing queued.
        using (var web = new Hardening.WebSignIn(server.HttpPort, IPAddress.Loopback))
        {
            using (var signIn = await web.PostAsync("alice@example.test", KakuninProcess.Password))
            {
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            }

            using var sent = await web.PostFormAsync("/compose", "/compose?handler=Send", new Dictionary<string, string>
            {
                ["Form.To"] = "bob@example.test", ["Form.Subject"] = "from the webmail", ["Form.Body"] = "x",
            });
            var html = await sent.Content.ReadAsStringAsync(ct);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.Contains("The mail store failed its integrity check, so no mail can be sent for now.", html, StringComparison.Ordinal);
        }

        using (var metrics = await http.GetAsync(new Uri($"http://127.0.0.1:{server.HttpPort}/metrics"), ct))
        {
            var text = await metrics.Content.ReadAsStringAsync(ct);
            Assert.Matches(@"(?m)^kakunin_store_integrity_ok(\{[^}]*\})? 0$", text);
            Assert.Matches(@"(?m)^kakunin_queue_rejections_total\{[^}]*reason=""store-damaged""[^}]*\} [12]$", text);
        }

        Assert.Contains("is damaged", server.Log, StringComparison.Ordinal);
        Assert.Contains("kakunin restore", server.Log, StringComparison.Ordinal);
        Assert.Equal(0, await QueuedAsync(path));
    }

    private static MimeMessage Mail(string from, string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "into a damaged store";
        message.Body = new TextPart("plain") { Text = "x" };
        return message;
    }

    private static async Task<long> QueuedAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM queue_messages";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
