using System.Text;
using Kakunin.Store;
using Kakunin.Store.Imap;

namespace Kakunin.StoreBench;

/// <summary>
/// What IMAP STORE costs the store alone (no session, no socket): 1,000 single-message STOREs one after another, as a
/// client flags messages one by one, then one STORE over the whole folder (default 5,000), alternating +/-\Answered,
/// the mean of four. Three rounds.
/// </summary>
internal static class FlagStoreCost
{
    public const int DefaultMessages = 5000;

    private const int Singles = 1000;

    private const int WholeFolderStores = 4;

    private const int Rounds = 3;

    public static async Task RunAsync(int messages, CancellationToken cancellationToken)
    {
        await using var bench = await BenchStore.OpenAsync(cancellationToken);
        await bench.AppendAsync(MailFolders.Inbox, messages, messages, Body, i => i % 3 == 0 ? "\\Seen" : string.Empty, cancellationToken);
        var imap = bench.Store.Imap;
        var folder = (await imap.OpenAsync(bench.UserId, MailFolders.Inbox, cancellationToken))!;
        var all = folder.Uids;
        var singles = Math.Min(Singles, messages);

        var rows = new List<IReadOnlyList<string>>();
        for (var round = 1; round <= Rounds; round++)
        {
            var single = await Timing.OfAsync(async () =>
            {
                for (var i = 0; i < singles; i++)
                {
                    await imap.StoreFlagsAsync(bench.UserId, folder.FolderId, [all[i]], FlagOperation.Add, ["\\Flagged"], null, cancellationToken);
                }
            });
            await imap.StoreFlagsAsync(bench.UserId, folder.FolderId, all, FlagOperation.Remove, ["\\Flagged"], null, cancellationToken);

            var whole = (await Timing.OfAsync(async () =>
            {
                for (var i = 0; i < WholeFolderStores; i++)
                {
                    await imap.StoreFlagsAsync(bench.UserId, folder.FolderId, all, i % 2 == 0 ? FlagOperation.Add : FlagOperation.Remove, ["\\Answered"], null, cancellationToken);
                }
            })).Per(WholeFolderStores);

            rows.Add([round.ToString(System.Globalization.CultureInfo.InvariantCulture), Markdown.Ms(single.Wall), Markdown.Ms(single.Cpu), Markdown.Ms(whole.Wall), Markdown.Ms(whole.Cpu)]);
        }

        Markdown.Table(
            ["round", $"{Markdown.Count(singles)} single STOREs wall ms", "CPU ms", $"one STORE over {Markdown.Count(messages)} wall ms", "CPU ms"],
            rows);
    }

    private static ReadOnlyMemory<byte> Body(int i) => Encoding.ASCII.GetBytes($"From: a@other.test\r\nSubject: {i}\r\n\r\n" + new string('x', 2000) + "\r\n");
}
