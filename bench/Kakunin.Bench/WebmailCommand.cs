using System.Diagnostics;
using System.Globalization;
using Kakunin.Store;
using Kakunin.Tracking;

namespace Kakunin.Bench;

/// <summary>
/// <c>webmail seed &lt;data-dir&gt; [sent=100000] [inbox=100000]</c> fills a data folder (<see cref="WebmailSeed"/>);
/// <c>webmail queries &lt;data-dir&gt; [rounds=200]</c> times the store queries behind the Tracking page, a Sent
/// item's Tracking tab and the Inbox list, and prints p50/p99 per query;
/// <c>webmail http &lt;base-url&gt; &lt;data-dir&gt; [rounds=200]</c> times the pages over HTTP (<see cref="WebmailHttp"/>).
/// </summary>
internal static class WebmailCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: webmail seed <data-dir> [sent] [inbox] | webmail queries <data-dir> [rounds] | webmail http <base-url> <data-dir> [rounds] | webmail search <empty-data-dir> [messages] [rounds] [index-batch] | webmail search-queries <data-dir> [rounds] | webmail search-http <base-url> [rounds]");
            return 2;
        }

        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        return args[0] switch
        {
            "seed" => Seed(args[1], Arg(2, 100_000), Arg(3, 100_000)),
            "queries" => Queries(args[1], Arg(2, 200)),
            "search" => WebmailSearchCommand.Run(args[1], Arg(2, 100_000), Arg(3, 200), Arg(4, Kakunin.Store.Search.SearchIndexer.BatchSize)),
            "search-queries" when args.Length >= 2 => WebmailSearchCommand.QueriesOnly(args[1], Arg(2, 200)),
            "search-http" when args.Length >= 2 => WebmailSearchHttp.RunAsync(args[1], Arg(2, 200)).GetAwaiter().GetResult(),
            "http" when args.Length >= 3 => WebmailHttp.RunAsync(args[1], args[2], Arg(3, 200)).GetAwaiter().GetResult(),
            _ => 2,
        };
    }

    private static int Seed(string dir, int sent, int inbox)
    {
        var watch = Stopwatch.StartNew();
        var (messages, recipients, events, inboxCount) = WebmailSeed.RunAsync(dir, sent, inbox).GetAwaiter().GetResult();
        Console.WriteLine($"seeded {dir} in {watch.Elapsed.TotalSeconds:F0} s: {messages:N0} sent messages, {recipients:N0} tracked recipients, {events:N0} tracking events, {inboxCount:N0} Inbox messages");
        return 0;
    }

    private static int Queries(string dir, int rounds)
    {
        var store = KakuninStore.OpenAsync(dir).GetAwaiter().GetResult();
        try
        {
            var now = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
            var random = new Random(7);
            var sentIds = SentIds(store);
            // A timing of an empty answer would be meaningless: check that the seeded data is really read.
            var probe = store.TrackingQueries.GetBySentMessageAsync(WebmailSeed.User, sentIds[sentIds.Count / 2], default).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("the Tracking tab query found no record: seed first");
            Console.WriteLine($"probe: Sent item {probe.SentMessageId} has {probe.Recipients.Count} recipients and {probe.Events.Count} events");
            var cases = new List<(string Name, Func<Task> Run)>();
            foreach (var filter in Enum.GetValues<TrackingFilter>())
            {
                cases.Add(($"tracking page {filter}, page 1", () => store.TrackingQueries.GetPageAsync(WebmailSeed.User, filter, TimeSpan.FromDays(3), 1, 50, now, default)));
                cases.Add(($"tracking page {filter}, page 40", () => store.TrackingQueries.GetPageAsync(WebmailSeed.User, filter, TimeSpan.FromDays(3), 40, 50, now, default)));
            }

            cases.Add(("Sent item tracking tab (random)", () => store.TrackingQueries.GetBySentMessageAsync(WebmailSeed.User, sentIds[random.Next(sentIds.Count)], default)));
            cases.Add(("Sent list summaries (50 items)", () => store.TrackingQueries.GetSummariesAsync(WebmailSeed.User, [.. sentIds.Skip(random.Next(sentIds.Count - 50)).Take(50)], default)));
            cases.Add(("Inbox list page 1", () => store.Mailboxes.ListPageAsync(WebmailSeed.User, MailFolders.Inbox, 1, 50, null, default)));
            cases.Add(("Inbox list random page", () => store.Mailboxes.ListPageAsync(WebmailSeed.User, MailFolders.Inbox, 1 + random.Next(2000), 50, null, default)));
            cases.Add(("Inbox search", () => store.Mailboxes.ListPageAsync(WebmailSeed.User, MailFolders.Inbox, 1, 50, "sender42@", default)));
            cases.Add(("folder counts", () => store.Mailboxes.GetFolderCountsAsync(WebmailSeed.User, default)));

            Console.WriteLine($"{"query",-40} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
            foreach (var (name, run) in cases)
            {
                run().GetAwaiter().GetResult(); // warm
                var times = new double[rounds];
                for (var i = 0; i < rounds; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    run().GetAwaiter().GetResult();
                    times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                }

                Array.Sort(times);
                Console.WriteLine($"{name,-40} {times[rounds / 2],8:F2} {times[(int)(rounds * 0.99)],8:F2} {times[^1],8:F2}");
            }
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return 0;
    }

    private static List<long> SentIds(KakuninStore store)
    {
        using var connection = store.OpenReadConnectionAsync(default).GetAwaiter().GetResult();
        return WebmailSeed.SentIds(connection);
    }
}
