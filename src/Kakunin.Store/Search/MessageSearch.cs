using System.Text;
using Kakunin.Protocol;
using Kakunin.Store.Mail;
using System.Data.Common;

namespace Kakunin.Store.Search;

/// <summary>
/// A user's messages in every folder that contain a text (issue 16 item 4, docs/webmail.md "Search"). Three or more
/// characters: an FTS5 phrase query on the trigram index (the user's text is always quoted as one phrase, never read
/// as FTS syntax); the newest <see cref="RankWindow"/> matches ranked by BM25 (<see cref="SearchRanking"/>), with the
/// subject highlighted and a snippet of the body (<see cref="SearchSnippet"/>); messages the indexer has
/// not reached yet are matched by LIKE on subject and addresses and listed first. Fewer than three characters (the
/// trigram tokenizer needs three, sqlite.org/fts5.html §4.3.5): LIKE on subject and addresses, newest first.
/// Every statement is scoped to the user's folders.
/// </summary>
public sealed class MessageSearch(KakuninStore store)
{
    public const int MaxResults = 100;

    /// <summary>
    /// How many of the newest matches are ranked (docs/webmail.md "Search"): ranking every match made a word found in
    /// most messages cost 400 ms at 10,000 messages (bm25() scores every one); the newest 200 cost the same at any size.
    /// </summary>
    public const int RankWindow = 200;

    private const string Marks = "char(57344), char(57345)"; // SearchMarkers.Start, End

    private const string UserFolders = "SELECT f.id FROM folders f JOIN users u ON u.id = f.user_id WHERE u.address = @a";

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string address, string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = SearchMarkers.Strip(query.Trim());
        limit = Math.Clamp(limit, 1, MaxResults);
        if (text.Length == 0)
        {
            return [];
        }

        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!store.IsSqlite)
        {
            return await PostgresMessageSearch.SearchAsync(connection, address, text, limit, cancellationToken).ConfigureAwait(false); // no FTS5 there
        }

        var user = MailboxIdentity.KeyOf(address);
        var like = LikePattern.Contains(text);
        if (text.EnumerateRunes().Count() < 3)
        {
            return await ByLikeAsync(connection, user, text, like, "", limit, cancellationToken).ConfigureAwait(false);
        }

        // The not-yet-indexed tail first (it is the newest mail), then the ranked index.
        var hits = new List<SearchHit>(await ByLikeAsync(connection, user, text, like, " AND m.id > (SELECT indexed_through FROM message_search_state WHERE id = 1)", limit, cancellationToken).ConfigureAwait(false));
        if (hits.Count < limit)
        {
            hits.AddRange(await ByIndexAsync(connection, user, text, limit - hits.Count, cancellationToken).ConfigureAwait(false));
        }

        return hits;
    }

    private static async Task<List<SearchHit>> ByIndexAsync(DbConnection connection, string user, string text, int limit, CancellationToken cancellationToken)
    {
        // The phrase: inside double quotes, a double quote is written twice (sqlite.org/fts5.html §3.2).
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        // The user's newest RankWindow matches: FTS5 walks the phrase's doclist in rowid order from the top (ORDER BY
        // rowid DESC is the index's own order, no sort) and stops at the LIMIT, so a word in every message costs as
        // much as one in 200. CROSS JOIN keeps the index as the outer loop: the user's folders are checked per match.
        // highlight() marks every match in each column; SearchRanking orders them by BM25 from those marks.
        await using var command = Sql.Command(
            connection,
            $"SELECT s.rowid, f.name, m.from_text, COALESCE(m.date_at, m.received_at), highlight(message_search, 0, {Marks}), " +
            $"highlight(message_search, 1, {Marks}), highlight(message_search, 2, {Marks}) " +
            "FROM message_search s CROSS JOIN messages m ON m.id = s.rowid JOIN folders f ON f.id = m.folder_id " +
            "WHERE message_search MATCH @q AND m.folder_id IN (" + UserFolders + ") ORDER BY s.rowid DESC LIMIT @n",
            ("@q", phrase), ("@a", user), ("@n", RankWindow));
        var found = new List<(SearchHit Hit, SearchRanking.Candidate Candidate)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            var marked = new[] { reader.GetString(4), reader.GetString(5), reader.GetString(6) };
            var hit = new SearchHit(id, reader.GetString(1), Sql.NullableString(reader, 2), marked[0], string.Empty, Sql.FromUnixMs(reader.GetInt64(3)));
            found.Add((hit, new SearchRanking.Candidate(id, marked)));
        }

        return SearchRanking.Order(found, f => f.Candidate)
            .Take(limit)
            .Select(f => f.Hit with { Snippet = f.Candidate.Marked[2].Length == 0 ? string.Empty : SearchSnippet.Around(f.Candidate.Marked[2]) })
            .ToList();
    }

    private static async Task<List<SearchHit>> ByLikeAsync(DbConnection connection, string user, string text, string like, string extra, int limit, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(
            connection,
            "SELECT m.id, f.name, m.from_text, COALESCE(m.date_at, m.received_at), m.subject FROM messages m JOIN folders f ON f.id = m.folder_id " +
            "WHERE m.folder_id IN (" + UserFolders + ")" + extra +
            " AND (m.subject LIKE @p ESCAPE '\\' OR m.from_text LIKE @p ESCAPE '\\' OR m.to_text LIKE @p ESCAPE '\\') ORDER BY m.id DESC LIMIT @n",
            ("@a", user), ("@p", like), ("@n", limit));
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var subject = SearchMarkers.Strip(Sql.NullableString(reader, 4) ?? string.Empty);
            hits.Add(new SearchHit(reader.GetInt64(0), reader.GetString(1), Sql.NullableString(reader, 2), Mark(subject, text), string.Empty, Sql.FromUnixMs(reader.GetInt64(3))));
        }

        return hits;
    }

    // The same marks the index's highlight() gives, for rows read by LIKE (which, like SQLite's LIKE, ignores ASCII case only;
    // here every case is ignored, so a mark may show where LIKE would not have matched: harmless, the row matched elsewhere).
    private static string Mark(string subject, string text)
    {
        var marked = new StringBuilder(subject.Length + 8);
        var at = 0;
        while (at < subject.Length)
        {
            var found = subject.IndexOf(text, at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                break;
            }

            marked.Append(subject, at, found - at).Append(SearchMarkers.Start).Append(subject, found, text.Length).Append(SearchMarkers.End);
            at = found + text.Length;
        }

        return marked.Append(subject, at, subject.Length - at).ToString();
    }
}
