using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Kakunin.IntegrationTests.Hardening;
using Kakunin.Store;
using Kakunin.Store.Tests.Postgres;
using MailKit;
using MimeKit;
using Npgsql;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// Issue 14: three <c>kakunin serve</c> nodes on one PostgreSQL database. Real MailKit clients submit to all three at
/// once; one node is killed with SIGKILL under that load and started again later. Every message that got a 250 is in
/// Bob's Inbox exactly once and Alice has exactly one success DSN for it; a webmail cookie made on one node opens the
/// Inbox on another. Local delivery at acceptance is off, so the runners deliver (and claim with leases) everything;
/// the lease is 5 s, so the killed node's recipients are taken over within the test.
/// </summary>
public sealed class MultiNodeTests(PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    private const int SendersPerNode = 3;
    private const int MessagesPerSender = 10;

    [Fact]
    public async Task Three_nodes_deliver_every_accepted_message_once_across_a_sigkill_and_share_webmail_sessions()
    {
        var database = new NpgsqlConnectionStringBuilder(await postgres.Cluster.CreateDatabaseAsync("m" + Guid.NewGuid().ToString("N")))
        {
            Pooling = true,
            MaxPoolSize = 8, // three nodes and the test stay below the test cluster's max_connections (40)
        }.ToString();
        var environment = new Dictionary<string, string>
        {
            ["KAKUNIN__STORE__CONNECTIONSTRING"] = database,
            ["KAKUNIN__QUEUE__DELIVERLOCALATACCEPTANCE"] = "false",
            ["KAKUNIN__QUEUE__LEASEDURATION"] = "00:00:05",
            ["KAKUNIN__QUEUE__LEASERENEWAL"] = "00:00:01",
        };
        // One after the other: the first lays the schema and the demo users, the others find them.
        var nodes = new KakuninProcess[3];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = await KakuninProcess.StartAsync(environment: environment);
        }

        var victim = nodes[1];
        KakuninProcess? restarted = null;
        try
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            var accepted = new ConcurrentBag<string>();
            var attempted = new ConcurrentBag<string>();
            using var killed = new ManualResetEventSlim();
            var senders = Enumerable.Range(0, nodes.Length * SendersPerNode).Select(s => Task.Run(async () =>
            {
                var node = nodes[s % nodes.Length];
                for (var i = 0; i < MessagesPerSender; i++)
                {
                    var token = $"mn{run}-{s}-{i}";
                    attempted.Add(token);
                    try
                    {
                        await SendAsync(node, token);
                        accepted.Add(token); // the client read the 250
                    }
                    catch (Exception) when (killed.IsSet && node == victim)
                    {
                        // The killed node: refused, or cut off mid-session. A 250 it sent that the client never read may
                        // still be delivered (the commit came first): counted below as "nothing twice".
                    }
                }
            })).ToList();

            // Under load: once a third of the mail is accepted, node 2 is killed (no shutdown, its leases left behind).
            // (A sender that failed before the kill ends its task: then the wait ends and WhenAll below reports why.)
            while (accepted.Count < nodes.Length * SendersPerNode * MessagesPerSender / 3 && !senders.TrueForAll(t => t.IsCompleted))
            {
                await Task.Delay(50);
            }

            killed.Set();
            victim.Kill();
            await Task.WhenAll(senders);
            Assert.True(accepted.Count >= nodes.Length * SendersPerNode * MessagesPerSender / 2, $"only {accepted.Count} accepted");

            // Started again later on the same data folder: it joins the others.
            restarted = await KakuninProcess.StartAsync(dataDirectory: victim.DataDirectory, environment: environment);
            await using var store = await KakuninStore.OpenAsync(Directory.CreateTempSubdirectory("kakunin-mn-").FullName, new StoreOptions { ConnectionString = database });
            await nodes[0].WaitForAsync(async () => await store.Queue.CountOpenRecipientsAsync(CancellationToken.None) == 0, "an empty queue", seconds: 180);

            var inbox = await store.Mailboxes.ListAsync(ServerFixture.Bob, "Inbox", CancellationToken.None);
            var dsns = await store.Mailboxes.ListAsync(ServerFixture.Alice, "Inbox", CancellationToken.None);
            var delivered = Count(inbox, attempted);
            var reported = Count(dsns, attempted);
            foreach (var token in accepted)
            {
                Assert.True(delivered.GetValueOrDefault(token) == 1, $"{token}: got a 250, delivered {delivered.GetValueOrDefault(token)} times\n{Logs(nodes, restarted)}");
                Assert.True(reported.GetValueOrDefault(token) == 1, $"{token}: got a 250, {reported.GetValueOrDefault(token)} success DSNs\n{Logs(nodes, restarted)}");
            }

            // Nothing twice either for mail whose 250 the killed node sent but the client never read.
            Assert.All(delivered.Values, n => Assert.Equal(1, n));
            Assert.All(reported.Values, n => Assert.Equal(1, n));

            // A webmail session made on node 1 opens the Inbox on node 3 and on the restarted node.
            using var web = new WebSignIn(nodes[0].HttpPort, IPAddress.Loopback);
            using (var signIn = await web.PostAsync(ServerFixture.Alice, KakuninProcess.Password))
            {
                Assert.Equal("/mail/Inbox", signIn.Headers.Location?.OriginalString);
            }

            foreach (var other in new[] { nodes[2], restarted })
            {
                using var elsewhere = new WebSignIn(other.HttpPort, IPAddress.Loopback);
                elsewhere.Cookies.Add(web.Cookies.GetAllCookies()); // cookies are not tied to a port (RFC 6265 §8.5)
                using var page = await elsewhere.GetAsync("/mail/Inbox");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }
        }
        finally
        {
            foreach (var node in nodes.Append(restarted).OfType<KakuninProcess>())
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task SendAsync(KakuninProcess node, string token)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.Subject = token;
        message.Body = new TextPart("plain") { Text = $"Three nodes, one queue: {token}.\r\n" };
        using var client = await DsnSmtpClient.ConnectAsync(node, ServerFixture.Alice);
        client.Notify = DeliveryStatusNotification.Success; // RFC 3461 §4.1: one success DSN per delivery, back to Alice
        var reply = await client.SendAsync(message);
        Assert.StartsWith("2.0.0", reply, StringComparison.Ordinal);
        await client.DisconnectAsync(true);
    }

    // How many stored messages name each token (the subject of a delivered copy; the returned headers of a DSN).
    private static Dictionary<string, int> Count(IReadOnlyList<StoredMessage> messages, IEnumerable<string> tokens)
    {
        var texts = messages.Select(m => Encoding.UTF8.GetString(m.Content.Span)).ToList();
        return tokens.Distinct().Select(t => (t, texts.Count(x => x.Contains(t + "\r\n", StringComparison.Ordinal) || x.Contains(t + ".", StringComparison.Ordinal))))
            .Where(x => x.Item2 > 0).ToDictionary(x => x.t, x => x.Item2);
    }

    private static string Logs(IEnumerable<KakuninProcess> nodes, KakuninProcess? restarted) =>
        string.Join("\n----\n", nodes.Append(restarted).OfType<KakuninProcess>().Select(n => n.Log[^Math.Min(n.Log.Length, 4000)..]));
}
