using System.Text;
using Kakunin.Store.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kakunin.Store.Tests.Postgres;

/// <summary>
/// The search indexer on PostgreSQL, where several writers commit ids out of order: a message whose id was taken
/// before a newer message committed, but which itself committed only after the indexer had read past it, must still
/// have its body indexed; and two nodes' indexers index each message once.
/// </summary>
public sealed class SearchOnNodesTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Mail(string subject, string body) =>
        Encoding.UTF8.GetBytes(
            $"From: Carol <carol@example.net>\r\nTo: bob@example.test\r\nSubject: {subject}\r\nDate: Tue, 01 Dec 2026 09:00:00 +0900\r\n" +
            $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");

    [Fact]
    public async Task A_message_that_commits_after_a_newer_one_was_indexed_still_has_its_body_found()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await nodes.A.Directory.AddDomainAsync("example.test", Ct);
        await nodes.A.Directory.AddUserAsync("alice@example.test", "pw", Ct);
        await nodes.A.Directory.AddUserAsync("bob@example.test", "pw", Ct);
        await nodes.A.Mailboxes.AppendAsync("bob@example.test", MailFolders.Inbox, Mail("First", "nothing to see"), "", T0, Ct);

        // A transaction of another writer takes its id and holds it uncommitted (bob's Inbox, so alice's is not locked).
        await using var slow = new NpgsqlConnection(nodes.ConnectionString);
        await slow.OpenAsync(Ct);
        await using var transaction = await slow.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO messages (folder_id, received_at, size, flags, content, subject) " +
            "SELECT f.id, @t, @size, '', @content, 'Held' FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = 'bob@example.test' AND f.name = 'Inbox' RETURNING id",
            slow, transaction))
        {
            var content = Mail("Held", "the walrus contract, signed");
            insert.Parameters.AddWithValue("t", T0.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("size", (long)content.Length);
            insert.Parameters.AddWithValue("content", content);
            var heldId = (long)(await insert.ExecuteScalarAsync(Ct))!;
            var laterId = await nodes.B.Mailboxes.AppendAsync("alice@example.test", MailFolders.Inbox, Mail("Later", "an otter memo"), "", T0, Ct);
            Assert.True(laterId > heldId); // the newer id commits first: what one SQLite writer never does
        }

        await IndexAllAsync(nodes.A);
        await transaction.CommitAsync(Ct);
        await IndexAllAsync(nodes.A);

        var search = new MessageSearch(nodes.A);
        var hit = Assert.Single(await search.SearchAsync("bob@example.test", "walrus", 20, Ct)); // by its body only: the old cursor had passed it
        Assert.Equal("Held", hit.Subject);
        Assert.Contains("walrus", hit.Snippet, StringComparison.Ordinal);
        Assert.Single(await search.SearchAsync("alice@example.test", "otter", 20, Ct));
    }

    [Fact]
    public async Task Two_nodes_indexing_at_once_index_every_message_once()
    {
        await using var nodes = await TwoNodes.OpenAsync(fixture.Cluster, Ct);
        await nodes.A.Directory.AddDomainAsync("example.test", Ct);
        await nodes.A.Directory.AddUserAsync("bob@example.test", "pw", Ct);
        for (var i = 0; i < 60; i++)
        {
            await (i % 2 == 0 ? nodes.A : nodes.B).Mailboxes.AppendAsync("bob@example.test", MailFolders.Inbox, Mail($"Note {i}", $"heron number {i}"), "", T0, Ct);
        }

        var a = new SearchIndexer(nodes.A, NullLogger<SearchIndexer>.Instance) { BatchLimit = 7 };
        var b = new SearchIndexer(nodes.B, NullLogger<SearchIndexer>.Instance) { BatchLimit = 7 };
        await Task.WhenAll(DrainAsync(a), DrainAsync(b));

        await using var check = new NpgsqlConnection(nodes.ConnectionString);
        await check.OpenAsync(Ct);
        await using var counts = new NpgsqlCommand(
            "SELECT (SELECT COUNT(*) FROM message_search), (SELECT COUNT(DISTINCT id) FROM message_search), (SELECT COUNT(*) FROM message_search_pending)", check);
        await using var reader = await counts.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(60, reader.GetInt64(0));
        Assert.Equal(60, reader.GetInt64(1));
        Assert.Equal(0, reader.GetInt64(2));
        Assert.Equal(60, (await new MessageSearch(nodes.B).SearchAsync("bob@example.test", "heron", 100, Ct)).Count);
    }

    private static Task IndexAllAsync(KakuninStore store) => DrainAsync(new SearchIndexer(store, NullLogger<SearchIndexer>.Instance));

    private static async Task DrainAsync(SearchIndexer indexer)
    {
        while (await indexer.IndexBatchAsync(Ct) > 0)
        {
        }
    }
}
