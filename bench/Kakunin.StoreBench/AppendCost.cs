using System.Text;
using Kakunin.Store;

namespace Kakunin.StoreBench;

/// <summary>
/// What the IMAP bookkeeping (UIDs, MODSEQs, change notices) costs the delivery path: N mailbox appends of ~2 KB,
/// 100 per transaction (the SQL alone, no fsync per message), then N/5 single appends, 8 at a time (group commit and
/// fsync, as deliveries come).
/// </summary>
internal static class AppendCost
{
    public const int DefaultMessages = 10_000;

    private const int PerTransaction = 100;

    public static async Task RunAsync(int messages, CancellationToken cancellationToken)
    {
        await using var bench = await BenchStore.OpenAsync(cancellationToken);
        var bodies = Enumerable.Range(0, messages).Select(Body).ToArray();

        var batched = await Timing.OfAsync(() =>
            bench.AppendAsync(MailFolders.Inbox, messages, PerTransaction, i => bodies[i], _ => string.Empty, cancellationToken));

        var singles = messages / 5;
        var single = await Timing.OfAsync(() => Parallel.ForEachAsync(
            Enumerable.Range(0, singles),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, c) => await bench.Store.Writer.WriteAsync(
                tx => MailboxRepository.Append(tx, bench.UserId, MailFolders.Junk, bodies[i], string.Empty, DateTimeOffset.UnixEpoch), c)));

        Markdown.Table(
            ["appends", "wall ms", "CPU ms"],
            [
                [$"{Markdown.Count(messages)} in transactions of {PerTransaction}", Markdown.Ms(batched.Wall), Markdown.Ms(batched.Cpu)],
                [$"{Markdown.Count(singles)} single, 8 concurrent", Markdown.Ms(single.Wall), Markdown.Ms(single.Cpu)],
            ]);
    }

    private static ReadOnlyMemory<byte> Body(int i) => Encoding.ASCII.GetBytes(
        $"From: Alice <alice@other.test>\r\nTo: bob@example.com\r\nSubject: message {i}\r\nMessage-ID: <{i}@other.test>\r\n" +
        "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n" + new string('x', 2000) + "\r\n");
}
