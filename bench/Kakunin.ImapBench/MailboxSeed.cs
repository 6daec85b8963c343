using System.Globalization;
using Kakunin.Store;

namespace Kakunin.ImapBench;

/// <summary>Writes the corpus (<see cref="MailboxCorpus"/>) into a Dovecot Maildir and into a Kakunin data folder.</summary>
internal static class MailboxSeed
{
    /// <summary>
    /// Maildir (what Dovecot's LDA would have left): one file per message in cur/, named
    /// "time.Mi.host,S=size:2,flags" (S= lets Dovecot skip a stat for RFC822.SIZE), its mtime the arrival time, which
    /// Dovecot reports as INTERNALDATE. Dovecot assigns UIDs in file-name order at its first scan.
    /// </summary>
    public static void Maildir(string maildir, int count)
    {
        foreach (var sub in new[] { "cur", "new", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var content = MailboxCorpus.Message(i, count);
            var at = MailboxCorpus.DateOf(i, count);
            var flags = new string(MailboxCorpus.FlagsOf(i, count).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f switch { "\\Seen" => 'S', "\\Flagged" => 'F', _ => throw new InvalidOperationException(f) }).Order().ToArray());
            var name = string.Create(CultureInfo.InvariantCulture, $"{at.ToUnixTimeSeconds()}.M{i:D7}P1.bench,S={content.Length}:2,{flags}");
            var path = Path.Combine(maildir, "cur", name);
            File.WriteAllBytes(path, content);
            File.SetLastWriteTimeUtc(path, at.UtcDateTime);
        });
    }

    /// <summary>
    /// Kakunin: the user (password hashed with 1,000 PBKDF2 iterations, like bench/webmail, so that login times the
    /// server and not the deliberate cost of a production hash) and the Inbox, through the store's own write path
    /// (MailboxRepository.Append: the SQL a delivery runs, summary columns and whatever IMAP state the store keeps),
    /// in transactions of 500 messages.
    /// </summary>
    public static async Task KakuninAsync(string dataDir, int count)
    {
        await using var store = await KakuninStore.OpenAsync(dataDir, new StoreOptions { PasswordIterations = 1000 });
        await store.Directory.AddDomainAsync("example.test", default);
        if (await store.Directory.FindUserIdAsync(MailboxCorpus.User, default) is null)
        {
            await store.Directory.AddUserAsync(MailboxCorpus.User, MailboxCorpus.Password, default);
        }

        const int batch = 500;
        for (var first = 0; first < count; first += batch)
        {
            var from = first;
            var messages = Enumerable.Range(from, Math.Min(batch, count - from)).AsParallel().AsOrdered()
                .Select(i => (Content: MailboxCorpus.Message(i, count), Flags: MailboxCorpus.FlagsOf(i, count), At: MailboxCorpus.DateOf(i, count))).ToList();
            await store.Writer.WriteAsync(tx =>
            {
                var userId = DirectoryRepository.FindUserId(tx, MailboxCorpus.User)!.Value;
                foreach (var (content, flags, at) in messages)
                {
                    MailboxRepository.Append(tx, userId, MailFolders.Inbox, content, flags, at);
                }
            }, default);
        }
    }
}
