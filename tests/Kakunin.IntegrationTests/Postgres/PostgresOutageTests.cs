using System.Collections.Concurrent;
using Kakunin.Store.Tests.Postgres;

namespace Kakunin.IntegrationTests.Postgres;

/// <summary>
/// Issue 14, "Bad input and faults": PostgreSQL stopped under an SMTP load. While it is away the sessions get
/// 451 4.3.0 (never a 250: nothing can be committed), the server stays up; once it is started again the same sessions'
/// retries get 250, and every message that got a 250 is in bob's Inbox exactly once.
/// </summary>
public sealed class PostgresOutageTests
{
    private const int Sessions = 4;
    private const int PerSession = 12;

    [Fact]
    public async Task Postgres_stopped_under_load_gives_451_then_the_same_sessions_get_250_and_every_250_is_delivered()
    {
        // A cluster of its own: this test stops it.
        await using var cluster = await PostgresCluster.StartAsync(TestContext.Current.CancellationToken);
        // The loopback client counts as a trusted MTA: no SPF look-ups, the mail is accepted as submitted.
        await using var node = await PostgresNode.StartAsync(cluster, ["--trusted-networks", "127.0.0.0/8"]);
        var accepted = new ConcurrentQueue<string>();
        var refused = new ConcurrentQueue<string>();
        var load = Enumerable.Range(0, Sessions).Select(s => Task.Run(() => SessionAsync(node, s, accepted, refused))).ToArray();

        await node.Server.WaitForAsync(() => Task.FromResult(accepted.Count >= Sessions * 2), "the first 250s before the outage", seconds: 120);
        var before = accepted.Count;
        await cluster.StopAsync();
        await node.Server.WaitForAsync(() => Task.FromResult(refused.Count >= Sessions), "451 replies while PostgreSQL is stopped", seconds: 60);
        var duringOutage = accepted.Count - before;
        await cluster.StartAgainAsync();

        await Task.WhenAll(load).WaitAsync(TimeSpan.FromMinutes(4));
        Assert.True(duringOutage <= Sessions, $"{duringOutage} 250s while PostgreSQL was stopped (at most one in flight per session at the stop)");
        Assert.Equal(Sessions * PerSession, accepted.Count);
        Assert.All(refused, reply => Assert.StartsWith("451 4.3.0", reply, StringComparison.Ordinal));

        // Every 250 delivered, once.
        await node.WaitForEmptyQueueAsync(120);
        var inbox = (await node.FolderAsync(ServerFixture.Bob, "INBOX")).Select(m => "<" + m.MessageId + ">").ToList();
        foreach (var id in accepted)
        {
            Assert.Equal(1, inbox.Count(i => i == id));
        }

        Assert.Equal(accepted.Count, inbox.Count);
        Assert.Contains("started", node.Server.Log, StringComparison.Ordinal);
    }

    // One SMTP session sending its messages one after another; a 4xx reply is retried in the same session after RSET.
    private static async Task SessionAsync(PostgresNode node, int session, ConcurrentQueue<string> accepted, ConcurrentQueue<string> refused)
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(node.Server.SmtpPort);
        Assert.StartsWith("250", await smtp.CommandAsync("EHLO load.test"), StringComparison.Ordinal);
        for (var i = 0; i < PerSession; i++)
        {
            var id = $"<s{session}-m{i}-{Guid.NewGuid():N}@load.test>";
            while (true)
            {
                var reply = await TryOnceAsync(smtp, id);
                if (reply.StartsWith("250", StringComparison.Ordinal))
                {
                    accepted.Enqueue(id);
                    break;
                }

                refused.Enqueue(reply.TrimEnd());
                Assert.StartsWith("4", reply, StringComparison.Ordinal); // temporary: the client keeps the message
                Assert.StartsWith("250", await smtp.CommandAsync("RSET"), StringComparison.Ordinal);
                await Task.Delay(300);
            }

            await Task.Delay(150); // paced, so the outage falls in the middle of the load
        }

        await smtp.CommandAsync("QUIT");
    }

    // MAIL, RCPT, DATA and the content; the first reply that is not a success is returned (or the final one).
    private static async Task<string> TryOnceAsync(RawSmtpConnection smtp, string messageId)
    {
        var reply = await smtp.CommandAsync("MAIL FROM:<alice@example.test>");
        if (!reply.StartsWith("250", StringComparison.Ordinal))
        {
            return reply;
        }

        reply = await smtp.CommandAsync("RCPT TO:<bob@example.test>");
        if (!reply.StartsWith("250", StringComparison.Ordinal))
        {
            return reply;
        }

        reply = await smtp.CommandAsync("DATA");
        if (!reply.StartsWith("354", StringComparison.Ordinal))
        {
            return reply;
        }

        return await smtp.CommandAsync(
            $"From: alice@example.test\r\nTo: bob@example.test\r\nSubject: load {messageId}\r\nMessage-ID: {messageId}\r\n\r\nUnder load while PostgreSQL restarts.\r\n.");
    }
}
