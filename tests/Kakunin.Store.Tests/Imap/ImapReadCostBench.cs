using System.Diagnostics;
using System.Text;

namespace Kakunin.Store.Tests.Imap;

/// <summary>
/// What the IMAP reads cost on a 100,000-message folder (docs/imap-store.md): open (SELECT), 10,000 header fetches,
/// 10,000 metadata fetches, the rows of a SEARCH on the summary. Explicit: it measures, it asserts nothing about time.
/// </summary>
public sealed class ImapReadCostBench
{
    [Fact(Explicit = true)]
    public async Task Reads_on_a_folder_of_100000()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var t = await TempStore.OpenAsync();
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        var userId = await t.Store.Directory.AddUserAsync("bob@example.com", "pw", ct);
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < 100; batch++)
        {
            var first = batch * 1000;
            await t.Store.Writer.WriteAsync(tx =>
            {
                for (var i = first; i < first + 1000; i++)
                {
                    var body = Encoding.ASCII.GetBytes(
                        $"From: Alice <alice@other.test>\r\nTo: bob@example.com\r\nSubject: message {i} {(i % 100 == 0 ? "quarterly" : "weekly")}\r\nMessage-ID: <{i}@other.test>\r\n" +
                        $"Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nReceived: from mx.other.test by mx.example.com; Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n" + new string('x', 4000) + "\r\n");
                    MailboxRepository.Append(tx, userId, MailFolders.Inbox, body, i % 3 == 0 ? "\\Seen" : string.Empty, DateTimeOffset.UnixEpoch);
                }
            }, ct);
        }

        var seeded = watch.Elapsed;
        var lines = new List<string> { $"seed 100,000: {seeded.TotalMilliseconds:F0} ms" };
        for (var round = 0; round < 3; round++)
        {
            watch.Restart();
            var open = (await t.Store.Imap.OpenAsync(userId, MailFolders.Inbox, ct))!;
            var opened = watch.Elapsed;
            var uids = open.Uids[..10_000];

            watch.Restart();
            long bytes = 0;
            await foreach (var m in t.Store.Imap.FetchAsync(userId, open.FolderId, uids, header: true, content: false, ct))
            {
                bytes += m.Header!.Value.Length;
            }

            var headers = watch.Elapsed;
            watch.Restart();
            var count = 0;
            await foreach (var m in t.Store.Imap.FetchAsync(userId, open.FolderId, uids, header: false, content: false, ct))
            {
                count += m.Flags.Count;
            }

            var metadata = watch.Elapsed;
            watch.Restart();
            var hits = 0;
            await foreach (var c in t.Store.Imap.SearchCandidatesAsync(userId, open.FolderId, null, withContent: false, ct))
            {
                hits += c.Subject!.Contains("quarterly", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }

            var search = watch.Elapsed;
            lines.Add($"open {opened.TotalMilliseconds:F0} ms; 10,000 headers {headers.TotalMilliseconds:F0} ms ({bytes / 1024} KiB); 10,000 metadata {metadata.TotalMilliseconds:F0} ms; search rows 100,000 {search.TotalMilliseconds:F0} ms ({hits} hits)");
        }

        foreach (var line in lines)
        {
            Console.WriteLine("BENCH " + line);
        }
    }
}
