using System.Text;
using Kakunin.Store.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Store.Tests.Search;

/// <summary>
/// Which matches come first (docs/webmail.md "Search", "Ranking"): BM25 over the newest <see cref="MessageSearch.RankWindow"/>
/// matches, a subject match above a body match, the newer of two equal matches first; and the indexer's batches.
/// </summary>
public sealed class SearchRankingTests
{
    private const char S = SearchMarkers.Start;
    private const char E = SearchMarkers.End;
    private const string Alice = "alice@example.test";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static byte[] Mail(string subject, string body) =>
        Encoding.UTF8.GetBytes(
            $"From: Carol <carol@example.net>\r\nTo: {Alice}\r\nSubject: {subject}\r\nDate: Tue, 01 Dec 2026 09:00:00 +0900\r\n" +
            $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n");

    private static async Task<TempStore> WithAliceAsync()
    {
        var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.test", ct);
        await t.Store.Directory.AddUserAsync(Alice, "pw", ct);
        return t;
    }

    private static Task AppendAllAsync(KakuninStore store, IEnumerable<(string Subject, string Body)> mails) =>
        store.Writer.WriteAsync(
            tx =>
            {
                var user = DirectoryRepository.FindUserId(tx, Alice)!.Value;
                var i = 0;
                foreach (var (subject, body) in mails)
                {
                    MailboxRepository.Append(tx, user, MailFolders.Inbox, Mail(subject, body), MessageFlags.Seen, T0.AddMinutes(i++));
                }
            },
            TestContext.Current.CancellationToken);

    private static async Task<int> IndexAllAsync(KakuninStore store)
    {
        var indexer = new SearchIndexer(store, NullLogger<SearchIndexer>.Instance);
        var batches = 0;
        while (await indexer.IndexBatchAsync(TestContext.Current.CancellationToken) > 0)
        {
            batches++;
        }

        return batches;
    }

    private static string Plain(string marked) => marked.Replace(S.ToString(), "", StringComparison.Ordinal).Replace(E.ToString(), "", StringComparison.Ordinal);

    [Fact]
    public async Task A_subject_match_comes_before_body_matches_and_of_two_equal_body_matches_the_newer_first()
    {
        await using var t = await WithAliceAsync();
        var ct = TestContext.Current.CancellationToken;
        await AppendAllAsync(t.Store, [
            ("Walrus count", "Numbers for the year."),
            ("Notes", "We saw a walrus at the harbour today."),
            ("Minutes", "Then a walrus swam by the pier today."), // as long as the one before: the same score
            ("Lunch", "Nothing about that animal here."),
        ]);
        await IndexAllAsync(t.Store);

        var hits = await new MessageSearch(t.Store).SearchAsync(Alice, "walrus", 20, ct);

        Assert.Equal(["Walrus count", "Minutes", "Notes"], hits.Select(h => Plain(h.Subject)));
        Assert.Equal($"{S}Walrus{E} count", hits[0].Subject);
        Assert.Equal($"Then a {S}walrus{E} swam by the pier today.", hits[1].Snippet);
    }

    [Fact]
    public async Task A_word_in_more_messages_than_the_window_ranks_the_newest_window_and_a_subject_match_there_comes_first()
    {
        await using var t = await WithAliceAsync();
        var ct = TestContext.Current.CancellationToken;
        var window = MessageSearch.RankWindow;
        // The oldest message has the word in its subject (outside the newest window); so has one in the middle of the window.
        await AppendAllAsync(t.Store, Enumerable.Range(0, window + 50).Select(i => (
            i is 0 or 150 ? $"Osprey sighting {i}" : $"Report {i}",
            $"The osprey was seen {i:D3} times near the lake.")));
        await IndexAllAsync(t.Store);

        var hits = await new MessageSearch(t.Store).SearchAsync(Alice, "osprey", 50, ct);

        Assert.Equal(50, hits.Count);
        Assert.Equal("Osprey sighting 150", Plain(hits[0].Subject));
        Assert.DoesNotContain(hits, h => Plain(h.Subject) == "Osprey sighting 0"); // older than the newest 200 matches: not ranked
        Assert.Equal("Report 249", Plain(hits[1].Subject)); // then the body matches, newest first (equal text, equal score)
        Assert.All(hits.Skip(1), h => Assert.StartsWith("The ", h.Snippet, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_of_messages_becomes_one_index_segment_not_one_per_message()
    {
        await using var t = await WithAliceAsync();
        await AppendAllAsync(t.Store, Enumerable.Range(0, 60).Select(i => ($"Item {i}", $"Body text number {i} with a kestrel.")));

        Assert.Equal(1, await IndexAllAsync(t.Store));

        // Each FTS5 segment has its own segid in the _idx table (sqlite.org/fts5.html, "the %_idx table"). Written as
        // INSERT … SELECT, every message became a segment of its own (the statement savepoint flushes FTS5's pending terms).
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT segid) FROM message_search_idx";
        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.Equal(60, (await new MessageSearch(t.Store).SearchAsync(Alice, "kestrel", 100, TestContext.Current.CancellationToken)).Count);
    }
}
