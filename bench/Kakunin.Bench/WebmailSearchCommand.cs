using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kakunin.Store;
using Kakunin.Store.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Bench;

/// <summary>
/// <c>webmail search &lt;empty-data-dir&gt; [messages=100000] [rounds=200]</c>: seeds one user's Inbox and Archive with
/// varied text bodies (English sentences from a small vocabulary, one in twenty with Japanese, a rare word in one
/// message of ten thousand), backfills the search index with the server's own <see cref="SearchIndexer"/> (timed),
/// prints the index's size, then times <see cref="MessageSearch"/> for a common, a rare, a Japanese and a
/// 2-character query (p50/p99 over <c>rounds</c>).
/// </summary>
internal static class WebmailSearchCommand
{
    internal const string User = "search@example.test";

    internal const string Password = "bench-password";

    internal static readonly (string Name, string Query)[] Queries =
        [("common word", "meeting"), ("rare word", "zeppelin"), ("Japanese", "契約書"), ("2 characters", "pr"), ("no match", "xylophone")];

    private static readonly string[] Words =
        ["meeting", "invoice", "schedule", "project", "review", "budget", "travel", "report", "customer", "contract", "update", "please", "thanks", "tomorrow", "agenda"];

    public static int Run(string dir, int count, int rounds, int batch) => RunAsync(dir, count, rounds, batch).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string dir, int count, int rounds, int batch)
    {
        var store = await KakuninStore.OpenAsync(dir);
        try
        {
            var watch = Stopwatch.StartNew();
            await SeedAsync(store, count);
            Console.WriteLine($"seeded {count:N0} messages in {watch.Elapsed.TotalSeconds:F0} s");

            watch.Restart();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var indexer = new SearchIndexer(store, NullLogger<SearchIndexer>.Instance) { BatchLimit = batch };
            long indexed = 0;
            while (await indexer.IndexBatchAsync(default) is var n && n > 0)
            {
                indexed += n;
            }

            // CPU time of the whole process (reader, MimeKit, writer, checkpoints): what the load of other work does not move much.
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"indexed {indexed:N0} messages in {watch.Elapsed.TotalSeconds:F1} s ({indexed / watch.Elapsed.TotalSeconds:F0}/s, batches of {batch}); " +
                $"CPU {cpuMs / 1000:F1} s, {cpuMs / Math.Max(1, indexed):F2} ms a message ({indexed * 1000 / Math.Max(1, cpuMs):F0}/s of CPU); load {Load()}");
            Console.WriteLine(await SizeAsync(store));
            await TimeQueriesAsync(store, rounds);
            return 0;
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    /// <summary><c>webmail search-queries &lt;data-dir&gt; [rounds]</c>: only the store's search, on a folder a run above seeded and indexed.</summary>
    public static int QueriesOnly(string dir, int rounds) => QueriesOnlyAsync(dir, rounds).GetAwaiter().GetResult();

    private static async Task<int> QueriesOnlyAsync(string dir, int rounds)
    {
        var store = await KakuninStore.OpenAsync(dir);
        try
        {
            await TimeQueriesAsync(store, rounds);
            return 0;
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    private static async Task TimeQueriesAsync(KakuninStore store, int rounds)
    {
        var search = new MessageSearch(store);
        Console.WriteLine($"{"query (store)",-28} {"hits",5} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"CPU ms",7}  load");
        foreach (var (name, query) in Queries)
        {
            var hits = (await search.SearchAsync(User, query, 50, default)).Count;
            var times = new List<double>(rounds);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < rounds; i++)
            {
                var one = Stopwatch.StartNew();
                await search.SearchAsync(User, query, 50, default);
                times.Add(one.Elapsed.TotalMilliseconds);
            }

            var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / rounds;
            times.Sort();
            Console.WriteLine($"{name + " \"" + query + "\"",-28} {hits,5} {Pct(times, 0.50),8:F1} {Pct(times, 0.99),8:F1} {times[^1],8:F1} {cpuPerQuery,7:F1}  {Load()}");
        }
    }

    internal static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static double Pct(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task SeedAsync(KakuninStore store, int count)
    {
        await store.Directory.AddDomainAsync("example.test", default);
        await store.Directory.AddUserAsync(User, Password, default);
        var random = new Random(11);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const int Batch = 1000;
        for (var start = 0; start < count; start += Batch)
        {
            var messages = Enumerable.Range(start, Math.Min(Batch, count - start)).Select(i => (i, Body(random, i))).ToList();
            await store.Writer.WriteAsync(
                tx =>
                {
                    var userId = DirectoryRepository.FindUserId(tx, User)!.Value;
                    foreach (var (i, body) in messages)
                    {
                        var folder = i % 3 == 0 ? MailFolders.Sent : MailFolders.Inbox;
                        MailboxRepository.Append(tx, userId, folder, body, MessageFlags.Seen, at.AddMinutes(i));
                    }
                },
                default);
        }
    }

    private static byte[] Body(Random random, int i)
    {
        var text = new StringBuilder();
        for (var w = 0; w < 120; w++)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(w % 12 == 11 ? ".\r\n" : " ");
        }

        if (i % 20 == 0)
        {
            text.Append("契約書を確認しました。明日の会議で説明します。\r\n");
        }

        if (i % 10_000 == 7)
        {
            text.Append("The zeppelin arrives on Friday.\r\n");
        }

        return Encoding.UTF8.GetBytes(
            $"From: sender{i % 97}@example.net\r\nTo: {User}\r\nSubject: {Words[i % Words.Length]} {i}\r\n" +
            $"Date: Thu, 01 Jan 2026 00:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}");
    }

    // The index's own pages (FTS5's _data b-tree) and the text it keeps for highlight()/snippet() (_content).
    private static async Task<string> SizeAsync(KakuninStore store)
    {
        await using var connection = await store.OpenReadConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT SUM(length(block)) FROM message_search_data), " +
            "(SELECT SUM(length(c0) + length(c1) + length(c2)) FROM message_search_content), " +
            "(SELECT page_count * page_size FROM pragma_page_count, pragma_page_size)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
        return $"index: {Mb(reader.GetInt64(0))} of FTS5 index blocks + {Mb(reader.GetInt64(1))} of stored text; whole database file {Mb(reader.GetInt64(2))}";
    }
}
