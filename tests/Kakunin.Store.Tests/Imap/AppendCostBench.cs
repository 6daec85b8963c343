using System.Diagnostics;
using System.Text;

namespace Kakunin.Store.Tests.Imap;

/// <summary>
/// What the IMAP bookkeeping (UIDs, MODSEQs, change notices: docs/imap-store.md) costs the delivery path: 10,000
/// mailbox appends. Explicit (run by name, never in the suite): it measures, it asserts nothing about time.
/// </summary>
public sealed class AppendCostBench
{
    [Fact(Explicit = true)]
    public async Task Ten_thousand_appends()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var t = await TempStore.OpenAsync();
        await t.Store.Directory.AddDomainAsync("example.com", ct);
        var userId = await t.Store.Directory.AddUserAsync("bob@example.com", "pw", ct);
        var bodies = Enumerable.Range(0, 10_000).Select(i => (ReadOnlyMemory<byte>)Encoding.ASCII.GetBytes(
            $"From: Alice <alice@other.test>\r\nTo: bob@example.com\r\nSubject: message {i}\r\nMessage-ID: <{i}@other.test>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n" + new string('x', 2000) + "\r\n")).ToArray();

        // SQL cost alone: 100 appends per transaction (no fsync per message).
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < 100; batch++)
        {
            var first = batch * 100;
            await t.Store.Writer.WriteAsync(tx =>
            {
                for (var i = first; i < first + 100; i++)
                {
                    MailboxRepository.Append(tx, userId, MailFolders.Inbox, bodies[i], string.Empty, DateTimeOffset.UnixEpoch);
                }
            }, ct);
        }

        var batched = watch.Elapsed;

        // As deliveries come: one unit each, 8 at a time (group commit), 2,000 of them.
        watch.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, c) =>
            await t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, userId, MailFolders.Junk, bodies[i], string.Empty, DateTimeOffset.UnixEpoch), c));
        var single = watch.Elapsed;
        TestContext.Current.SendDiagnosticMessage($"10,000 appends in 100 transactions: {batched.TotalMilliseconds:F0} ms; 2,000 single appends, 8 concurrent: {single.TotalMilliseconds:F0} ms");
        Console.WriteLine($"BENCH 10,000 appends in 100 transactions: {batched.TotalMilliseconds:F0} ms; 2,000 single appends, 8 concurrent: {single.TotalMilliseconds:F0} ms");
    }
}
