using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>
/// Issue 15, item 2, the reserve (Postfix queue_minfree), on a real 64 MiB tmpfs holding a real server's data folder:
/// clients send mail over SMTP (port 25) and submission (NOTIFY=SUCCESS) while another file takes the space down below
/// the 16 MiB reserve. New mail is then refused with 452 4.3.1 in words that say why, /health and /metrics show it, and
/// meanwhile every message that got its 250 is still delivered and every success DSN asked for is still written (the
/// reserve is what they commit into). When the space is freed, mail is accepted again.
/// </summary>
public sealed class ReserveTests(ITestOutputHelper output)
{
    private const long Reserve = 16L << 20;

    [Fact]
    public async Task Below_the_reserve_new_mail_gets_452_4_3_1_while_everything_accepted_is_delivered_and_reported()
    {
        await using var disk = await SmallFileSystem.MountAsync(64L << 20);
        await using var server = await KakuninProcess.StartAsync(
            dataDirectory: Path.Combine(disk.Path, "data"), extraArgs: ["--storage-reserve", "16MiB"]);
        var (code, status, _, _) = await StorageProbe.HealthAsync(server);
        Assert.Equal((200, "ok"), (code, status));
        Assert.Equal(Reserve, await StorageProbe.MetricAsync(server, "kakunin_storage_reserve_bytes"));

        var run = Guid.NewGuid().ToString("N")[..8];
        var accepted = new ConcurrentDictionary<string, bool>(); // Message-ID → asked for a success DSN
        var refusals = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 4).Select(c => Task.Run(() => SendUntilStoppedAsync(server, c, run, accepted, refusals, stop.Token))).ToArray();

        // Let mail flow, then take the space: 2 MiB under the reserve, nowhere near zero.
        // At least one of them submitted by Alice with NOTIFY=SUCCESS: under load her STARTTLS and AUTH (PBKDF2) can take
        // longer than twenty port-25 messages, and then no success DSN would be owed when the disk fills.
        await WaitUntilAsync(() => accepted.Count >= 20 && accepted.Values.Any(asked => asked), "20 messages accepted before the disk fills, one of them Alice's", server);
        await disk.FillAsync(leave: Reserve - (2L << 20));
        output.WriteLine($"filled: {disk.Free} bytes free, {accepted.Count} accepted so far");
        await WaitUntilAsync(() => refusals.Count >= 8, "refusals once below the reserve", server);
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        output.WriteLine($"{accepted.Count} accepted, {refusals.Count} refused");

        // What the clients were told: RFC 5321 452, RFC 3463 4.3.1, and why.
        Assert.All(refusals, r => Assert.StartsWith("452 4.3.1 Insufficient system storage: this server is low on disk space", r, StringComparison.Ordinal));

        // What the administrator sees.
        (code, status, var description, var data) = await StorageProbe.HealthAsync(server);
        Assert.Equal((503, "failing"), (code, status));
        Assert.Contains("below the reserve of 16 MiB: new mail is refused (452 4.3.1)", description, StringComparison.Ordinal);
        Assert.True(long.Parse(data.GetProperty("freeBytes").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < Reserve);
        Assert.True(await StorageProbe.MetricAsync(server, "kakunin_storage_free_bytes") < Reserve);
        Assert.True(await StorageProbe.MetricAsync(server, "kakunin_queue_rejections_total", "reason=\"storage-full\"") >= refusals.Count);
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains("below the reserve of 16 MiB: new mail is refused", StringComparison.Ordinal)), "the log line saying acceptance stopped");

        // Still below the reserve: everything that got a 250 is delivered and reported, committed into the reserve.
        await server.WaitForEmptyQueueAsync(seconds: 60);
        Assert.True(disk.Free < Reserve, $"the test meant to stay below the reserve, {disk.Free} bytes free");
        output.WriteLine($"queue empty: {disk.Free} bytes free");
        var inbox = await StorageProbe.MessageIdsAsync(server, ServerFixture.Bob, Kakunin.Store.MailFolders.Inbox);
        var lost = accepted.Keys.Where(id => !inbox.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"accepted with 250 but not in Bob's Inbox: {string.Join(", ", lost)}");
        var wanted = accepted.Where(a => a.Value).Select(a => a.Key).ToList();
        Assert.NotEmpty(wanted);
        await server.WaitForAsync(async () => wanted.All((await StorageProbe.ReportedIdsAsync(server, ServerFixture.Alice, Kakunin.Store.MailFolders.Inbox)).Contains), "a success DSN for each message that asked for one", 60);

        // Space freed: mail is accepted again.
        disk.Empty();
        await server.WaitForAsync(async () => (await StorageProbe.HealthAsync(server)).Code == 200, "/health ok again");
        var again = await SendOneAsync(server, $"again-{run}@kakunin.test");
        Assert.StartsWith("2.0.0", again, StringComparison.Ordinal);
        await server.WaitForAsync(async () => (await StorageProbe.MessageIdsAsync(server, ServerFixture.Bob, Kakunin.Store.MailFolders.Inbox)).Contains($"again-{run}@kakunin.test"), "the message sent after the space was freed");
    }

    [Fact]
    public async Task A_delivery_in_flight_commits_its_result_DSN_and_tracking_into_the_reserve_after_acceptance_stopped()
    {
        await using var disk = await SmallFileSystem.MountAsync(64L << 20);
        await using var peer = new HeldSmtpPeer();
        await using var server = await KakuninProcess.StartAsync(
            dataDirectory: Path.Combine(disk.Path, "data"), extraArgs: ["--storage-reserve", "16MiB", "--smarthost", $"127.0.0.1:{peer.Port}"]);

        // Alice writes to another domain and asks for a delivery receipt; the next hop takes the message and stalls.
        var id = $"in-flight-{Guid.NewGuid():N}@kakunin.test";
        var message = new MimeMessage { MessageId = id, Subject = "In flight" };
        message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.To.Add(MailboxAddress.Parse("carol@elsewhere.test"));
        message.Body = new TextPart("plain") { Text = string.Concat(Enumerable.Repeat(new string('y', 76) + "\r\n", 2_600)) };
        using (var smtp = await DsnSmtpClient.ConnectAsync(server, ServerFixture.Alice))
        {
            smtp.Notify = DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure;
            Assert.StartsWith("2.0.0", await smtp.SendAsync(message), StringComparison.Ordinal);
        }

        await peer.Received.WaitAsync(TimeSpan.FromSeconds(30));

        // The disk fills below the reserve: acceptance stops.
        await disk.FillAsync(leave: 12L << 20);
        await using (var fresh = await RawSmtpConnection.OpenAsync(server.SmtpPort))
        {
            await fresh.CommandAsync("EHLO client.example.org");
            Assert.StartsWith("452 4.3.1", await fresh.CommandAsync("MAIL FROM:<sender@example.org>"), StringComparison.Ordinal);
        }

        // The next hop answers: the result, the "relayed" DSN to Alice and her tracking commit all the same.
        var before = disk.Free;
        peer.Release();
        await server.WaitForEmptyQueueAsync();
        await server.WaitForAsync(async () => (await StorageProbe.ReportedIdsAsync(server, ServerFixture.Alice, Kakunin.Store.MailFolders.Inbox)).Contains(id), "Alice's relayed DSN");
        await using (var store = await server.OpenStoreAsync())
        {
            var queued = Assert.Single(await store.Queue.ListAsync(includeDone: true, CancellationToken.None), q => q.Recipients.Any(r => r.Address == "carol@elsewhere.test"));
            Assert.Equal(Kakunin.Store.RecipientState.Relayed, Assert.Single(queued.Recipients).State);
        }

        Assert.True(disk.Free < Reserve, $"still below the reserve: {disk.Free} bytes free");
        output.WriteLine($"settlement and DSN took {before - disk.Free} bytes of the reserve ({disk.Free} free)");
    }

    // Half the clients are other servers on port 25, half are Alice submitting with NOTIFY=SUCCESS; 40 KB each.
    private static async Task SendUntilStoppedAsync(KakuninProcess server, int client, string run, ConcurrentDictionary<string, bool> accepted, ConcurrentBag<string> refusals, CancellationToken stop)
    {
        var submission = client % 2 == 1;
        var body = new string('x', 76) + "\r\n";
        var text = string.Concat(Enumerable.Repeat(body, 520));
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            using var smtp = new DsnSmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 30_000 };
            var id = $"reserve-{run}-{client}-{i}@kakunin.test";
            var message = new MimeMessage { MessageId = id, Subject = $"reserve {run} {client} {i}" };
            message.From.Add(MailboxAddress.Parse(submission ? ServerFixture.Alice : "sender@example.org"));
            message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
            message.Body = new TextPart("plain") { Text = text };
            try
            {
                if (submission)
                {
                    await smtp.ConnectAsync("127.0.0.1", server.SubmissionPort, SecureSocketOptions.StartTls, CancellationToken.None);
                    await smtp.AuthenticateAsync(ServerFixture.Alice, KakuninProcess.Password, CancellationToken.None);
                    smtp.Notify = DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure;
                }
                else
                {
                    await smtp.ConnectAsync("127.0.0.1", server.SmtpPort, SecureSocketOptions.None, CancellationToken.None);
                }

                await smtp.SendAsync(message, CancellationToken.None);
                accepted[id] = submission; // the 250: from here on it must not be lost
                await smtp.DisconnectAsync(true, CancellationToken.None);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode == 452)
            {
                refusals.Add($"452 {e.Message}");
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static async Task<string> SendOneAsync(KakuninProcess server, string id)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", server.SmtpPort, SecureSocketOptions.None);
        var message = new MimeMessage { MessageId = id, Subject = "after" };
        message.From.Add(MailboxAddress.Parse("sender@example.org"));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.Body = new TextPart("plain") { Text = "space again\r\n" };
        var reply = await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
        return reply;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, KakuninProcess server, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}\n--- server log ---\n{server.Log}");
            await Task.Delay(50);
        }
    }
}
