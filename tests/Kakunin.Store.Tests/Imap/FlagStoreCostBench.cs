using System.Diagnostics;
using System.Text;
using Kakunin.Store.Imap;

namespace Kakunin.Store.Tests.Imap;

/// <summary>
/// What IMAP STORE costs the store (docs/imap-store.md): 1,000 single-message STOREs one after another (as a client
/// flags messages one by one), and STOREs over a 5,000-message folder alternating +/- (one command each). Explicit:
/// it measures, it asserts nothing about time.
/// </summary>
public sealed class FlagStoreCostBench
{
    [Fact(Explicit = true)]
    public async Task Stores_on_a_folder_of_5000()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var t = await TempStore.OpenAsync();
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        var userId = await t.Store.Directory.AddUserAsync("bob@example.com", "pw", ct);
        await t.Store.Writer.WriteAsync(tx =>
        {
            for (var i = 0; i < 5000; i++)
            {
                var body = Encoding.ASCII.GetBytes($"From: a@other.test\r\nSubject: {i}\r\n\r\n" + new string('x', 2000) + "\r\n");
                MailboxRepository.Append(tx, userId, MailFolders.Inbox, body, i % 3 == 0 ? "\\Seen" : string.Empty, DateTimeOffset.UnixEpoch);
            }
        }, ct);
        var folder = (await t.Store.Imap.OpenAsync(userId, MailFolders.Inbox, ct))!;
        var all = folder.Uids;

        var lines = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 1000; i++)
            {
                await t.Store.Imap.StoreFlagsAsync(userId, folder.FolderId, [all[i]], FlagOperation.Add, ["\\Flagged"], null, ct);
            }

            var single = watch.Elapsed;
            var singleCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            await t.Store.Imap.StoreFlagsAsync(userId, folder.FolderId, all, FlagOperation.Remove, ["\\Flagged"], null, ct);

            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            for (var i = 0; i < 4; i++)
            {
                await t.Store.Imap.StoreFlagsAsync(userId, folder.FolderId, all, i % 2 == 0 ? FlagOperation.Add : FlagOperation.Remove, ["\\Answered"], null, ct);
            }

            var big = watch.Elapsed / 4;
            var bigCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / 4;
            lines.Add($"1,000 single STOREs {single.TotalMilliseconds:F0} ms wall ({singleCpu.TotalMilliseconds:F0} ms CPU); " +
                $"one STORE over 5,000 {big.TotalMilliseconds:F0} ms wall ({bigCpu.TotalMilliseconds:F0} ms CPU)");
        }

        foreach (var line in lines)
        {
            Console.WriteLine("BENCH " + line);
        }
    }
}
