using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kakunin.ImapBench;

/// <summary>A server under test: a name for the table, its implicit-TLS IMAP port, and its (master) process id.</summary>
internal sealed record BenchServer(string Name, int Port, int Pid);

/// <summary>One measured case on one server: latencies of the timed operation, and the rate it stands for.</summary>
internal sealed record CaseResult(string Case, string Server, List<double> Milliseconds, double ItemsPerOperation, string Unit, string Check, double ClientCpu)
{
    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Items per second at the median: messages/s for FETCH and big STORE, commands/s for the burst, sessions/s for login.</summary>
    public double Rate => ItemsPerOperation * 1000 / P50;

    private double Percentile(double q)
    {
        var sorted = Milliseconds.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}

/// <summary>
/// The cases of bench/imap, run on each server in turn (one case on all servers before the next case), one client
/// connection at a time except where said: login + SELECT INBOX on a new TLS connection; UID FETCH 1:10000 of the
/// headers and flags, and of ENVELOPE, as a client syncing headers; UID SEARCH SUBJECT of an English word and (CHARSET
/// UTF-8) a Japanese one; a burst of 1,000 single-message STOREs; one STORE over 10,000 messages; then the memory
/// of the server with N connections idling in IDLE (RFC 2177).
/// </summary>
internal static class ImapBenchRun
{
    private const int FetchCount = 10_000;
    private const int BurstCount = 1_000;

    public static async Task RunAsync(IReadOnlyList<BenchServer> servers, int messages, int rounds, int idleConnections, int passes = 1)
    {
        var results = new List<CaseResult>();
        var memory = new List<string>();
        var fetch = Math.Min(FetchCount, messages);
        async Task Case(string name, Func<BenchServer, Task<(List<double> Ms, double Items, string Unit, string Check)>> run)
        {
            foreach (var server in servers)
            {
                Console.Error.WriteLine($"# {name} on {server.Name}");
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                var (ms, items, unit, check) = await run(server);
                var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
                results.Add(new CaseResult(name, server.Name, ms, items, unit, check, clientCpu));
            }
        }

        // The client's own first TLS connection pays for its JIT and TLS set-up: take it here, without LOGIN or SELECT,
        // so that the cold case below times the server's first SELECT and not the client warming up.
        foreach (var server in servers)
        {
            await using var warm = await RawImapConnection.ConnectAsync(server.Port);
            await warm.CommandAsync("CAPABILITY");
            await warm.CommandAsync("LOGOUT");
        }

        await Case("first login + SELECT after start (cold)", async s => ([await LoginSelectAsync(s)], 1, "sessions/s", string.Empty));
        await Case("login + SELECT INBOX (new TLS connection)", async s =>
        {
            var ms = new List<double>();
            for (var i = 0; i < rounds * 5; i++)
            {
                ms.Add(await LoginSelectAsync(s));
            }

            return (ms, 1, "sessions/s", string.Empty);
        });
        var headers = $"UID FETCH 1:{fetch} (UID FLAGS BODY.PEEK[HEADER])";
        var envelopes = $"UID FETCH 1:{fetch} (UID FLAGS ENVELOPE)";

        // The first read of those messages since the server started: whatever each server caches (Dovecot's
        // dovecot.index.cache, Kakunin's content cache) is being filled here. Once per server, on a new connection.
        await Case($"{headers}, first time (cold)", async s => ([await OnceAsync(s, headers)], fetch, "messages/s", string.Empty));
        await Case($"{envelopes}, first time (cold)", async s => ([await OnceAsync(s, envelopes)], fetch, "messages/s", string.Empty));
        for (var pass = 1; pass <= passes; pass++)
        {
            var suffix = passes > 1 ? $" (pass {pass})" : string.Empty;
            await Case(headers + suffix, s => RepeatAsync(s, rounds, headers, fetch, "messages/s", r => $"{r.Untagged} FETCH"));
            await Case(envelopes + suffix, s => RepeatAsync(s, rounds, envelopes, fetch, "messages/s", r => $"{r.Untagged} FETCH"));
            await Case($"UID SEARCH SUBJECT {MailboxCorpus.EnglishWord}{suffix}", s => RepeatAsync(s, rounds, $"UID SEARCH SUBJECT {MailboxCorpus.EnglishWord}", messages, "messages searched/s", r => $"{r.SearchHits} hits"));
            var japanese = Encoding.UTF8.GetByteCount(MailboxCorpus.JapaneseWord);
            // RFC 9051 §6.4.4 CHARSET; the word as a non-synchronising literal (RFC 7888 LITERAL+), UTF-8 bytes.
            await Case($"UID SEARCH CHARSET UTF-8 SUBJECT {MailboxCorpus.JapaneseWord}{suffix}", s => RepeatAsync(s, rounds, $"UID SEARCH CHARSET UTF-8 SUBJECT {{{japanese}+}}\r\n{MailboxCorpus.JapaneseWord}", messages, "messages searched/s", r => $"{r.SearchHits} hits"));
        }
        await Case($"STORE burst: {BurstCount} × UID STORE n +FLAGS.SILENT (\\Flagged)", async s =>
        {
            await using var connection = await OpenAsync(s);
            var ms = new List<double>();
            for (var uid = 1; uid <= Math.Min(BurstCount, messages); uid++)
            {
                var watch = Stopwatch.StartNew();
                await connection.CommandAsync($"UID STORE {uid} +FLAGS.SILENT (\\Flagged)");
                ms.Add(watch.Elapsed.TotalMilliseconds);
            }

            await connection.CommandAsync($"UID STORE 1:{BurstCount} -FLAGS.SILENT (\\Flagged)");
            return (ms, 1, "STOREs/s", string.Empty);
        });
        await Case($"one UID STORE 1:{fetch} ±FLAGS.SILENT (\\Answered)", async s =>
        {
            await using var connection = await OpenAsync(s);
            var ms = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                await connection.CommandAsync($"UID STORE 1:{fetch} {(i % 2 == 0 ? '+' : '-')}FLAGS.SILENT (\\Answered)");
                ms.Add(watch.Elapsed.TotalMilliseconds);
            }

            if (rounds % 2 == 1)
            {
                await connection.CommandAsync($"UID STORE 1:{fetch} -FLAGS.SILENT (\\Answered)");
            }

            return (ms, fetch, "messages/s", string.Empty);
        });

        foreach (var server in servers)
        {
            Console.Error.WriteLine($"# {idleConnections} IDLE connections on {server.Name}");
            memory.Add(await IdleMemoryAsync(server, idleConnections));
        }

        Print(servers, messages, results, memory, idleConnections);
    }

    private static async Task<(List<double>, double, string, string)> RepeatAsync(BenchServer server, int rounds, string command, double items, string unit, Func<ImapReply, string> check)
    {
        await using var connection = await OpenAsync(server);
        await connection.CommandAsync(command); // warm: first read of the data after SELECT
        var ms = new List<double>();
        ImapReply? last = null;
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            last = await connection.CommandAsync(command);
            ms.Add(watch.Elapsed.TotalMilliseconds);
        }

        return (ms, items, unit, check(last!));
    }

    private static async Task<double> OnceAsync(BenchServer server, string command)
    {
        await using var connection = await OpenAsync(server);
        var watch = Stopwatch.StartNew();
        await connection.CommandAsync(command);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<RawImapConnection> OpenAsync(BenchServer server)
    {
        var connection = await RawImapConnection.ConnectAsync(server.Port);
        await connection.CommandAsync($"LOGIN {MailboxCorpus.User} \"{MailboxCorpus.Password}\"");
        await connection.CommandAsync("SELECT INBOX");
        return connection;
    }

    private static async Task<double> LoginSelectAsync(BenchServer server)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await OpenAsync(server);
        var ms = watch.Elapsed.TotalMilliseconds;
        await connection.CommandAsync("LOGOUT");
        return ms;
    }

    private static async Task<string> IdleMemoryAsync(BenchServer server, int count)
    {
        var before = ProcessMemory.Of(server.Pid);
        var connections = new List<RawImapConnection>();
        try
        {
            for (var first = 0; first < count; first += 10)
            {
                var opened = await Task.WhenAll(Enumerable.Range(0, Math.Min(10, count - first)).Select(async _ =>
                {
                    var connection = await OpenAsync(server);
                    await connection.SendAsync("IDLE");
                    var line = await connection.ReadLineAsync();
                    if (!line.StartsWith('+'))
                    {
                        throw new InvalidOperationException($"IDLE -> {line}");
                    }

                    return connection;
                }));
                connections.AddRange(opened);
            }

            await Task.Delay(2000);
            var idle = ProcessMemory.Of(server.Pid);
            var perConnection = (idle.PssKb - before.PssKb) / (double)count;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {server.Name} | {before.RssKb / 1024.0:F0} MB / {before.PssKb / 1024.0:F0} MB ({before.Processes}) | {idle.RssKb / 1024.0:F0} MB / {idle.PssKb / 1024.0:F0} MB ({idle.Processes}) | {perConnection:F0} KB |");
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static void Print(IReadOnlyList<BenchServer> servers, int messages, List<CaseResult> results, List<string> memory, int idleConnections)
    {
        var o = Console.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## IMAP, {messages:N0}-message INBOX, loopback, implicit TLS, one client connection ({Environment.ProcessorCount} cores shared by client and servers)"));
        o.WriteLine();
        o.WriteLine("| case | server | p50 ms | p99 ms | rate (at p50) | check | client CPU |");
        o.WriteLine("| --- | --- | ---: | ---: | ---: | --- | ---: |");
        foreach (var r in results)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Case} | {r.Server} | {r.P50:F2} | {r.P99:F2} | {r.Rate:N0} {r.Unit} | {r.Check} | {r.ClientCpu:P0} |"));
        }

        if (servers.Count == 2)
        {
            o.WriteLine();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| case | {servers[0].Name} rate | {servers[1].Name} rate | {servers[1].Name} / {servers[0].Name} |"));
            o.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var group in results.GroupBy(r => r.Case))
            {
                var a = group.Single(r => r.Server == servers[0].Name);
                var b = group.Single(r => r.Server == servers[1].Name);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {a.Rate:N0} | {b.Rate:N0} | {b.Rate / a.Rate:F2} |"));
            }
        }

        o.WriteLine();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Memory with {idleConnections} connections in IDLE (RSS summed / PSS summed over the server's processes, process count):"));
        o.WriteLine();
        o.WriteLine("| server | before | with IDLE connections | PSS per connection |");
        o.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var line in memory)
        {
            o.WriteLine(line);
        }
    }
}
