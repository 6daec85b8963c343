using System.Text;
using Kakunin.Store.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Store.Tests.Search;

/// <summary>Search across a user's folders (migration 17) against a real SQLite store with its FTS5 trigram index.</summary>
public sealed class MessageSearchTests
{
    private const char S = SearchMarkers.Start;
    private const char E = SearchMarkers.End;
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static byte[] Mail(string subject, string body, string contentType = "text/plain; charset=utf-8") =>
        Encoding.UTF8.GetBytes(
            $"From: Carol <carol@example.net>\r\nTo: alice@example.test\r\nSubject: {subject}\r\nDate: Tue, 01 Dec 2026 09:00:00 +0900\r\n" +
            $"MIME-Version: 1.0\r\nContent-Type: {contentType}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n");

    private static async Task<TempStore> WithUsersAsync()
    {
        var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Directory.AddDomainAsync("example.test", ct);
        await t.Store.Directory.AddUserAsync("alice@example.test", "pw", ct);
        await t.Store.Directory.AddUserAsync("bob@example.test", "pw", ct);
        return t;
    }

    private static async Task IndexAllAsync(KakuninStore store)
    {
        var indexer = new SearchIndexer(store, NullLogger<SearchIndexer>.Instance);
        while (await indexer.IndexBatchAsync(TestContext.Current.CancellationToken) > 0)
        {
        }
    }

    [Fact]
    public async Task A_word_only_in_the_body_is_found_in_any_folder_with_the_match_marked_in_the_snippet()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("Lunch", "Shall we meet at noon?"), string.Empty, T0, ct);
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Sent, Mail("Quarterly", "The pelican budget is attached."), string.Empty, T0.AddMinutes(1), ct);
        await IndexAllAsync(t.Store);

        var hits = await new MessageSearch(t.Store).SearchAsync("alice@example.test", "Pelican", 20, ct);

        var hit = Assert.Single(hits);
        Assert.Equal(MailFolders.Sent, hit.Folder);
        Assert.Equal("Quarterly", hit.Subject);
        Assert.Contains($"The {S}pelican{E} budget", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Japanese_without_spaces_is_found_inside_a_sentence_of_an_html_body_and_in_the_subject()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox,
            Mail("=?UTF-8?B?44GU56K66KqN44GP44Gg44GV44GE?=", "<p>契約書を<b>確認</b>しました。<script>var 秘密 = 1;</script></p>", "text/html; charset=utf-8"), string.Empty, T0, ct);
        await IndexAllAsync(t.Store);
        var search = new MessageSearch(t.Store);

        var hit = Assert.Single(await search.SearchAsync("alice@example.test", "契約書", 20, ct));
        Assert.Contains($"{S}契約書{E}を", hit.Snippet, StringComparison.Ordinal);
        Assert.Equal($"ご{S}確認く{E}ださい", (Assert.Single(await search.SearchAsync("alice@example.test", "確認く", 20, ct))).Subject);
        Assert.Empty(await search.SearchAsync("alice@example.test", "var 秘密", 20, ct)); // script text is not what a reader sees
    }

    [Fact]
    public async Task Another_users_matching_message_is_never_returned()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Mailboxes.AppendAsync("bob@example.test", MailFolders.Inbox, Mail("Merger plans", "confidential merger"), string.Empty, T0, ct);
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("Merger", "public merger news"), string.Empty, T0, ct);
        var search = new MessageSearch(t.Store);

        // Before indexing (the LIKE tail), after it (the index), and a short query (LIKE): only Alice's message.
        Assert.Equal(["Merger"], (await search.SearchAsync("alice@example.test", "merger", 20, ct)).Select(h => h.Subject.Replace(S.ToString(), "").Replace(E.ToString(), "")));
        await IndexAllAsync(t.Store);
        Assert.StartsWith($"public {S}merger{E} news", Assert.Single(await search.SearchAsync("alice@example.test", "merger", 20, ct)).Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain(await search.SearchAsync("alice@example.test", "confidential", 20, ct), _ => true);
        Assert.Single(await search.SearchAsync("alice@example.test", "Me", 20, ct));
        Assert.Single(await search.SearchAsync("bob@example.test", "confidential", 20, ct));
    }

    [Fact]
    public async Task A_message_not_yet_indexed_is_found_by_its_subject()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("Old invoice", "paid"), string.Empty, T0, ct);
        await IndexAllAsync(t.Store);
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("New invoice", "due"), string.Empty, T0.AddMinutes(1), ct);

        var hits = await new MessageSearch(t.Store).SearchAsync("alice@example.test", "invoice", 20, ct);

        Assert.Equal([$"New {S}invoice{E}", $"Old {S}invoice{E}"], hits.Select(h => h.Subject));
    }

    [Fact]
    public async Task Query_text_is_a_phrase_never_fts_syntax_and_two_characters_fall_back_to_like()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("Re: AB test \"quoted\"", "apples OR pears"), string.Empty, T0, ct);
        await IndexAllAsync(t.Store);
        var search = new MessageSearch(t.Store);

        Assert.Single(await search.SearchAsync("alice@example.test", "apples OR pears", 20, ct));
        Assert.Empty(await search.SearchAsync("alice@example.test", "apples pears", 20, ct)); // a phrase, not two words
        Assert.Single(await search.SearchAsync("alice@example.test", "\"quoted\"", 20, ct));
        Assert.Empty(await search.SearchAsync("alice@example.test", "NEAR(a b)*", 20, ct));
        Assert.Equal($"Re: {S}AB{E} test \"quoted\"", Assert.Single(await search.SearchAsync("alice@example.test", "ab", 20, ct)).Subject);
    }

    [Fact]
    public async Task A_batch_that_shared_its_commit_with_mail_makes_the_indexer_wait_and_one_committed_alone_does_not()
    {
        await using var t = await WithUsersAsync();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 4; i++)
        {
            await t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail($"Backlog {i}", "waiting to be indexed"), string.Empty, T0, ct);
        }

        var indexer = new SearchIndexer(t.Store, NullLogger<SearchIndexer>.Instance) { BatchLimit = 1 };
        Assert.Equal(1, await indexer.IndexBatchAsync(ct));
        Assert.True(indexer.LastBatchAlone); // a quiet server: the backfill goes on at once

        // Mail arriving while the batch is read and written: the gate holds the writer until both are queued, so the mail
        // shares the batch's group commit (and the gate's own unit commits meanwhile too). The commit count after it
        // cannot tell the batch from the mail; the units committed can.
        using var gateRunning = new ManualResetEventSlim();
        using var openGate = new ManualResetEventSlim();
        var gate = t.Store.Writer.WriteAsync(_ => { gateRunning.Set(); openGate.Wait(TimeSpan.FromSeconds(30)); }, ct);
        Assert.True(gateRunning.Wait(TimeSpan.FromSeconds(30), ct));
        var batch = indexer.IndexBatchAsync(ct);
        var mail = t.Store.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("Arriving", "now"), string.Empty, T0, ct);
        await Task.Delay(200, ct); // the batch's read and parse, and its unit queued behind the gate
        openGate.Set();
        await gate;
        await mail;
        Assert.Equal(1, await batch);
        Assert.False(indexer.LastBatchAlone); // mail is flowing: wait for a quiet writer before the next batch
    }
}
