using System.Text;
using Kakunin.Store;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// Issue 8 item 2 against a real <c>kakunin serve</c>: clients from two loopback addresses start DATA and send
/// megabytes without the final dot. The content goes to the spool folder on disk, the per-address limits answer
/// 451/452 while the sessions go on, a well-behaved client's message is accepted meanwhile, and the spool is empty
/// once the connections close. (Memory is measured by bench/unfinished-data, not asserted here.)
/// </summary>
public sealed class UnfinishedDataTests
{
    private const int PerAddressBytes = 4 << 20;
    private const int Chunk = 1536 << 10; // 1.5 MiB: two fit under the per-address limit, the third crosses it

    [Fact]
    public async Task Unfinished_data_goes_to_disk_within_the_limits_and_the_spool_empties_when_the_clients_leave()
    {
        await using var server = await KakuninProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["KAKUNIN__SMTP__MAXTRANSACTIONSPERADDRESS"] = "3",
            ["KAKUNIN__SMTP__MAXSPOOLSIZEPERADDRESS"] = PerAddressBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var spool = Path.Combine(server.DataDirectory, "spool");
        var hostile = new List<(RawSmtpConnection Connection, string LastReply)>();
        try
        {
            var body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 1022) + "\r\n", Chunk / 1024)));
            foreach (var source in new[] { "127.0.0.2", "127.0.0.3" })
            {
                // One after the other, so that the third message is the one that crosses the address's limit.
                var before = SpoolBytes(spool);
                for (var i = 0; i < 3; i++)
                {
                    var smtp = await StartDataAsync(server, source);
                    hostile.Add(smtp);
                    Assert.StartsWith("354", smtp.LastReply, StringComparison.Ordinal);
                    await smtp.Connection.SendAsync(body);
                    // Less what the files' write buffers may still hold; the third fills the address's share.
                    var expected = i < 2 ? before + ((i + 1) * (long)Chunk) - (64 << 10) : before + PerAddressBytes - (128 << 10);
                    await server.WaitForAsync(() => Task.FromResult(SpoolBytes(spool) >= expected), $"message {i + 1} from {source} on disk");
                }

                // A fourth transaction from the same address is one too many: 451 4.3.0 at DATA, the session goes on.
                var fourth = await StartDataAsync(server, source);
                hostile.Add(fourth);
                Assert.StartsWith("451 4.3.0", fourth.LastReply, StringComparison.Ordinal);
                Assert.StartsWith("250", await fourth.Connection.CommandAsync("NOOP"), StringComparison.Ordinal);
            }

            // The content is in files on disk, and no address has more than its limit there.
            await server.WaitForAsync(() => Task.FromResult(SpoolBytes(spool) >= 2 * (PerAddressBytes - (512 << 10))), "the spooled bytes on disk");
            Assert.Equal(6, Directory.GetFiles(spool).Length);
            Assert.True(SpoolBytes(spool) <= 2 * PerAddressBytes, $"{SpoolBytes(spool)} bytes spooled, more than the per-address limits allow");

            // Meanwhile a well-behaved client's message is accepted and delivered.
            var subject = ServerFixture.Unique("meanwhile");
            var legit = await StartDataAsync(server, "127.0.0.1");
            await legit.Connection.SendAsync($"Subject: {subject}\r\n\r\nhello\r\n.\r\n");
            Assert.StartsWith("250", await legit.Connection.ReadReplyAsync(), StringComparison.Ordinal);
            await legit.Connection.DisposeAsync();
            await server.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "the well-behaved client's message");

            // Each address crossed its limit with its third message: 452 4.3.1 after the end of data, the session goes on.
            var answers = new List<string>();
            foreach (var smtp in hostile.Where(h => h.LastReply.StartsWith("354", StringComparison.Ordinal)))
            {
                await smtp.Connection.SendAsync(".\r\n");
                answers.Add(await smtp.Connection.ReadReplyAsync());
                Assert.StartsWith("250", await smtp.Connection.CommandAsync("NOOP"), StringComparison.Ordinal);
            }

            Assert.Equal(2, answers.Count(a => a.StartsWith("452 4.3.1", StringComparison.Ordinal)));
            Assert.Equal(4, answers.Count(a => a.StartsWith("250 ", StringComparison.Ordinal)));

            // Unfinished again, then the clients go away: nothing is left in the spool.
            foreach (var smtp in hostile.Take(3))
            {
                await smtp.Connection.CommandAsync("MAIL FROM:<x@hostile.example>");
                await smtp.Connection.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>");
                Assert.StartsWith("354", await smtp.Connection.CommandAsync("DATA"), StringComparison.Ordinal);
                await smtp.Connection.SendAsync(body);
            }

            await server.WaitForAsync(() => Task.FromResult(Directory.GetFiles(spool).Length == 3), "three spool files");
        }
        finally
        {
            foreach (var smtp in hostile)
            {
                await smtp.Connection.DisposeAsync();
            }
        }

        await server.WaitForAsync(() => Task.FromResult(Directory.GetFiles(spool).Length == 0), "an empty spool after the clients closed");
    }

    private static long SpoolBytes(string spool) => Directory.GetFiles(spool).Sum(f => new FileInfo(f).Length);

    private static async Task<(RawSmtpConnection Connection, string LastReply)> StartDataAsync(KakuninProcess server, string source)
    {
        var smtp = await RawSmtpConnection.OpenAsync(server.SmtpPort, source: source);
        Assert.StartsWith("250", await smtp.CommandAsync("EHLO client.example"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync("MAIL FROM:<someone@sender.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>"), StringComparison.Ordinal);
        return (smtp, await smtp.CommandAsync("DATA"));
    }
}
