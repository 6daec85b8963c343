using System.Collections.Concurrent;
using Kakunin.Reports.Dsn;
using Kakunin.Store;
using MailKit;
using MimeKit;

namespace Kakunin.IntegrationTests;

/// <summary>
/// RFC 5321 §6.1: a 250 after DATA means the server has taken responsibility for the message. Eight clients
/// submit 300 small messages (half with NOTIFY=SUCCESS) while the server is SIGKILLed mid-load, twice, and
/// restarted on the same data folder; the real database must then hold every acknowledged message exactly once, and at most
/// one success DSN per original (exactly one for each acknowledged original that asked for it).
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    private const int Total = 300;
    private const int Clients = 8;
    private const int KillAfterAcks = 100;

    [Fact]
    public async Task Acknowledged_mail_survives_sigkill_exactly_once_with_exactly_one_success_dsn()
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        string Id(int i) => $"crash-{run}-{i:D3}@kakunin.test";
        static bool WantsSuccess(int i) => i % 2 == 0;

        var acked = new ConcurrentDictionary<int, bool>();
        var failures = new ConcurrentBag<string>();
        var pending = new ConcurrentQueue<int>(Enumerable.Range(0, Total));

        // Each client takes the next id and submits it over its own STARTTLS+AUTH session. A message whose DATA
        // was sent when the server died is never resent (resending it could legitimately duplicate it).
        async Task ClientAsync(KakuninProcess server, int c)
        {
            DsnSmtpClient? client = null;
            try
            {
                client = await DsnSmtpClient.ConnectAsync(server, ServerFixture.Alice);
                while (pending.TryDequeue(out var i))
                {
                    var message = new MimeMessage { MessageId = Id(i), Subject = $"crash {run} {i:D3}" };
                    message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
                    message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
                    message.Body = new TextPart("plain") { Text = $"message {i}\r\n" };
                    client.Notify = WantsSuccess(i) ? DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure : null;
                    client.EnvelopeId = $"crash-{run}-{i:D3}";
                    await client.SendAsync(message);
                    acked[i] = true; // the 250 arrived: from here on the message must not be lost
                }

                await client.DisconnectAsync(true);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Net.Smtp.SmtpCommandException or OperationCanceledException)
            {
                // The server died under us: the message in flight may or may not have been committed.
                failures.Add($"client {c}: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                client?.Dispose();
            }
        }

        // Two rounds of load, each ended by SIGKILL in the middle (no shutdown, no flush), each restarted on the
        // same data folder: the second crash also hits a server that is recovering from the first.
        string? dataDirectory = null;
        var ackedAtKill = new List<int>();
        foreach (var killAt in new[] { KillAfterAcks, 2 * KillAfterAcks })
        {
            var server = await KakuninProcess.StartAsync(dataDirectory: dataDirectory);
            dataDirectory = server.DataDirectory;
            var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(server, c))).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (acked.Count < killAt && DateTime.UtcNow < deadline && !clients.All(t => t.IsCompleted))
            {
                await Task.Delay(5);
            }

            server.Kill();
            ackedAtKill.Add(acked.Count);
            await Task.WhenAll(clients);
            await server.DisposeAsync();
            await using (var store = await server.OpenStoreAsync())
            {
                output.WriteLine($"killed with {acked.Count} acknowledged, {await store.Queue.CountOpenRecipientsAsync(CancellationToken.None)} recipients still open");
            }
            Assert.True(acked.Count >= killAt, $"only {acked.Count} messages acknowledged before kill at {killAt}\n{server.Log}\n{string.Join('\n', failures)}");
        }

        Assert.True(acked.Count < Total, "the kills came after all messages were acknowledged; they did not hit the load");

        await using var last = await KakuninProcess.StartAsync(dataDirectory: dataDirectory);
        await using (var store = await last.OpenStoreAsync())
        {
            output.WriteLine($"acknowledged {string.Join(" and ", ackedAtKill)} at the kills, {acked.Count} in all; {failures.Count} clients cut off; " +
                $"{await store.Queue.CountOpenRecipientsAsync(CancellationToken.None)} recipients open after restart");
        }

        await last.WaitForEmptyQueueAsync(seconds: 40);

        // Messages whose 250 never arrived (in flight at the kill) may or may not be there, but never twice.
        var inbox = (await last.FolderAsync(ServerFixture.Bob, MailFolders.Inbox))
            .Where(m => m.MessageId?.StartsWith($"crash-{run}-", StringComparison.Ordinal) == true)
            .GroupBy(m => m.MessageId!).ToDictionary(g => g.Key, g => g.Count());
        var sent = (await last.FolderAsync(ServerFixture.Alice, MailFolders.Sent))
            .Where(m => m.MessageId?.StartsWith($"crash-{run}-", StringComparison.Ordinal) == true)
            .GroupBy(m => m.MessageId!).ToDictionary(g => g.Key, g => g.Count());
        var dsns = (await last.FolderAsync(ServerFixture.Alice, MailFolders.Inbox))
            .Select(m => (Message: m, Report: DsnParser.TryParse(m)))
            .Where(x => x.Report?.OriginalEnvelopeId?.StartsWith($"crash-{run}-", StringComparison.Ordinal) == true)
            .ToList();
        foreach (var (message, report) in dsns)
        {
            // Each DSN is threaded under its original (In-Reply-To) and carries its ENVID: both must agree.
            Assert.Equal(report!.OriginalEnvelopeId + "@kakunin.test", message.InReplyTo);
            Assert.Equal(DsnAction.Delivered, Assert.Single(report.Recipients).Action);
        }

        var dsnCount = dsns.GroupBy(x => x.Message.InReplyTo!).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"Bob's Inbox {inbox.Count}, Alice's Sent {sent.Count}, success DSNs {dsns.Count}");
        var problems = new List<string>();
        for (var i = 0; i < Total; i++)
        {
            var id = Id(i);
            var copies = inbox.GetValueOrDefault(id);
            var reports = dsnCount.GetValueOrDefault(id);
            var isAcked = acked.ContainsKey(i);
            if (copies > 1 || (isAcked && copies != 1))
            {
                problems.Add($"{id}: acknowledged={isAcked}, {copies} copies in Bob's Inbox");
            }

            if (isAcked && sent.GetValueOrDefault(id) != 1)
            {
                problems.Add($"{id}: acknowledged, {sent.GetValueOrDefault(id)} copies in Alice's Sent");
            }

            var expected = WantsSuccess(i) ? copies : 0; // one "delivered" DSN per delivered original that asked
            if (reports != expected)
            {
                problems.Add($"{id}: NOTIFY={(WantsSuccess(i) ? "SUCCESS" : "default")}, delivered {copies}, {reports} success DSNs");
            }
        }

        Assert.True(problems.Count == 0,
            $"{problems.Count} problems (acknowledged {acked.Count}/{Total}, {string.Join(" and ", ackedAtKill)} at the kills):\n{string.Join('\n', problems)}\n--- after restart ---\n{last.Log}");
    }
}
