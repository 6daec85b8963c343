using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Queue;

/// <summary>
/// The queue scheduler against slow and dead hosts (issue 15, item 1), with a real <c>kakunin serve</c>, real SMTP
/// submission (MailKit), real MX lookups (NSD) and receiving servers on loopback that stall after the final dot.
/// </summary>
public sealed class SchedulerTests(ITestOutputHelper output)
{
    private const string Bob = "bob@example.test";

    [Fact]
    public async Task Local_mail_is_delivered_at_once_while_the_smarthost_stalls_after_the_final_dot()
    {
        // The smarthost takes a minute to answer the dot. Before the scheduler, the local message below waited for it.
        await using var smarthost = new TarpitPeer(IPAddress.Loopback, 0, TimeSpan.FromSeconds(60));
        await using var server = await KakuninProcess.StartAsync(extraArgs: ["--smarthost", $"127.0.0.1:{smarthost.Port}"]);
        using var client = await AliceSubmits.ConnectAsync(server);

        await client.SendAsync(AliceSubmits.Message("Stalled", "someone@elsewhere.test"));
        await server.WaitForAsync(() => Task.FromResult(smarthost.Dots == 1), "the remote message to reach the smarthost's final dot");

        var clock = Stopwatch.StartNew();
        await client.SendAsync(AliceSubmits.Message("Local", Bob));
        await server.WaitForAsync(async () => await CountAsync(server, "SELECT count(*) FROM messages m JOIN folders f ON f.id = m.folder_id JOIN users u ON u.id = f.user_id WHERE u.address = 'bob@example.test' AND m.subject = 'Local'") == 1, "Bob's copy", seconds: 20);
        var waited = clock.Elapsed;
        output.WriteLine($"local delivery after the 250, with the smarthost stalled: {waited.TotalMilliseconds:F0} ms");

        // Well under a second on an idle machine (docs/benchmarks.md); the bound leaves room for a loaded CI box and is
        // still far below the smarthost's minute.
        Assert.True(waited < TimeSpan.FromSeconds(5), $"local delivery took {waited}");
        Assert.Equal(0, smarthost.Accepted); // the remote one is still waiting for its 250
    }

    [Fact]
    public async Task Each_destination_gets_its_own_limit_and_a_dead_one_is_suspended_without_holding_up_the_others()
    {
        var port = KakuninProcess.FreePort();
        await using var dns = await AuthoritativeDns.StartAsync(
            new DnsZone("slow.test").Mx("@", 10, "mx.slow.test").A("mx", "127.0.0.2"),
            new DnsZone("fast.test").Mx("@", 10, "mx.fast.test").A("mx", "127.0.0.3"),
            new DnsZone("dead.test").Mx("@", 10, "mx.dead.test").A("mx", "127.0.0.4")); // nothing listens there
        await using var slow = new TarpitPeer(IPAddress.Parse("127.0.0.2"), port, TimeSpan.FromSeconds(3));
        await using var fast = new TarpitPeer(IPAddress.Parse("127.0.0.3"), port, TimeSpan.Zero);
        await using var server = await KakuninProcess.StartAsync(
            extraArgs: ["--remote-smtp-port", port.ToString(CultureInfo.InvariantCulture), "--dns-servers", dns.Endpoint],
            environment: new Dictionary<string, string>
            {
                ["KAKUNIN__QUEUE__INITIALDESTINATIONCONCURRENCY"] = "3",
                ["KAKUNIN__QUEUE__DESTINATIONCONCURRENCYLIMIT"] = "3",
                ["KAKUNIN__QUEUE__DEADDESTINATIONBACKOFF"] = "00:10:00",
            });
        using var client = await AliceSubmits.ConnectAsync(server);

        for (var i = 0; i < 12; i++)
        {
            await client.SendAsync(AliceSubmits.Message($"slow {i}", $"user{i}@slow.test"));
        }

        for (var i = 0; i < 8; i++)
        {
            await client.SendAsync(AliceSubmits.Message($"dead {i}", $"user{i}@dead.test"));
        }

        for (var i = 0; i < 12; i++)
        {
            await client.SendAsync(AliceSubmits.Message($"fast {i}", $"user{i}@fast.test"));
        }

        // The fast host has everything long before the slow one, which gets three sessions at a time, never more:
        // 12 messages × 3 s / 3 sessions is about 12 s.
        await server.WaitForAsync(() => Task.FromResult(fast.Accepted == 12), "all 12 at the fast host", seconds: 20);
        var slowDoneWhenFastWas = slow.Accepted;
        output.WriteLine($"fast host done while the slow host had answered {slowDoneWhenFastWas} of 12");
        Assert.True(slowDoneWhenFastWas < 12, "the fast host waited for the slow one");
        await server.WaitForAsync(() => Task.FromResult(slow.Accepted == 12), "all 12 at the slow host", seconds: 60);
        Assert.Equal(3, slow.MaxSessions);

        // The dead destination: refused connections shrink its window to one, then it is declared dead and the rest
        // of its mail is deferred without a connection, with Postfix's words and the cause.
        await server.WaitForAsync(async () => await CountAsync(server, "SELECT count(*) FROM queue_recipients WHERE address LIKE '%@dead.test' AND state = 'deferred'") == 8, "the 8 dead.test recipients deferred", seconds: 30);
        var suspended = await CountAsync(server, "SELECT count(*) FROM queue_recipients WHERE address LIKE '%@dead.test' AND diagnostic LIKE 'delivery to dead.test temporarily suspended: %'");
        output.WriteLine($"dead.test: {8 - suspended} attempted, {suspended} suspended");
        Assert.InRange(suspended, 1, 7);
        Assert.Equal(8, await CountAsync(server, "SELECT count(*) FROM queue_recipients WHERE address LIKE '%@dead.test' AND status LIKE '4.4.%'"));
        Assert.Contains("Destination dead.test is not answering: deliveries to it suspended until", server.Log, StringComparison.Ordinal);
    }

    private static async Task<long> CountAsync(KakuninProcess server, string sql)
    {
        await using var connection = ServerDatabase.Open(server);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
