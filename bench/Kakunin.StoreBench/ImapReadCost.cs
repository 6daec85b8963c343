using System.Diagnostics;
using System.Text;
using Kakunin.Store;
using Kakunin.Store.Imap;

namespace Kakunin.StoreBench;

/// <summary>
/// What the IMAP reads cost the store on one big folder of ~4 KB messages (a third \Seen, 1 in 100 with "quarterly" in
/// the subject): open (SELECT: every UID, unseen, keywords), 10,000 header fetches, 10,000 metadata fetches, and the
/// rows a SEARCH on the summary reads (no content). Three rounds; the first warms the caches.
/// </summary>
internal static class ImapReadCost
{
    public const int DefaultMessages = 100_000;

    private const int Fetched = 10_000;

    private const int PerTransaction = 1000;

    private const int Rounds = 3;

    public static async Task RunAsync(int messages, CancellationToken cancellationToken)
    {
        await using var bench = await BenchStore.OpenAsync(cancellationToken);
        var seed = Stopwatch.StartNew();
        await bench.AppendAsync(MailFolders.Inbox, messages, PerTransaction, Body, i => i % 3 == 0 ? "\\Seen" : string.Empty, cancellationToken);
        Console.WriteLine($"Seeded {Markdown.Count(messages)} messages in {Markdown.Ms(seed.Elapsed)} ms.");
        Console.WriteLine();
        var fetched = Math.Min(Fetched, messages);
        var rows = new List<IReadOnlyList<string>>();
        for (var round = 1; round <= Rounds; round++)
        {
            rows.Add(await RoundAsync(bench, round, fetched, cancellationToken));
        }

        Markdown.Table(
            ["round", "open ms", $"{Markdown.Count(fetched)} headers ms", "header KiB", $"{Markdown.Count(fetched)} metadata ms", $"search rows {Markdown.Count(messages)} ms", "hits"],
            rows);
    }

    private static async Task<IReadOnlyList<string>> RoundAsync(BenchStore bench, int round, int fetched, CancellationToken cancellationToken)
    {
        var imap = bench.Store.Imap;
        var watch = Stopwatch.StartNew();
        var open = (await imap.OpenAsync(bench.UserId, MailFolders.Inbox, cancellationToken))!;
        var opened = watch.Elapsed;
        var uids = open.Uids[..fetched];

        watch.Restart();
        long bytes = 0;
        await foreach (var m in imap.FetchAsync(bench.UserId, open.FolderId, uids, new FetchWants(true, false, EnvelopeWanted.None), cancellationToken))
        {
            bytes += m.Header!.Value.Length;
        }

        var headers = watch.Elapsed;
        watch.Restart();
        var flags = 0;
        await foreach (var m in imap.FetchAsync(bench.UserId, open.FolderId, uids, new FetchWants(false, false, EnvelopeWanted.None), cancellationToken))
        {
            flags += m.Flags.Count;
        }

        var metadata = watch.Elapsed;
        watch.Restart();
        var hits = 0;
        await foreach (var c in imap.SearchCandidatesAsync(bench.UserId, open.FolderId, null, SearchColumns.Summary, cancellationToken))
        {
            hits += c.Subject!.Contains("quarterly", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        var search = watch.Elapsed;
        return [round.ToString(System.Globalization.CultureInfo.InvariantCulture), Markdown.Ms(opened), Markdown.Ms(headers), Markdown.Count(bytes / 1024), Markdown.Ms(metadata), Markdown.Ms(search), Markdown.Count(hits)];
    }

    private static ReadOnlyMemory<byte> Body(int i) => Encoding.ASCII.GetBytes(
        $"From: Alice <alice@other.test>\r\nTo: bob@example.com\r\nSubject: message {i} {(i % 100 == 0 ? "quarterly" : "weekly")}\r\nMessage-ID: <{i}@other.test>\r\n" +
        "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nReceived: from mx.other.test by mx.example.com; Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n" + new string('x', 4000) + "\r\n");
}
