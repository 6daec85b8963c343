using System.Text;
using Kakunin.Protocol;
using Kakunin.Store.Mail;
using System.Data.Common;

namespace Kakunin.Store.Search;

/// <summary>
/// A user's messages in every folder that contain a text (issue 16 item 4, docs/webmail.md "Search"). Three or more
/// characters: an FTS5 phrase query on the trigram index (the user's text is always quoted as one phrase, never read
/// as FTS syntax), ranked by bm25, with the subject highlighted and a snippet of the body; messages the indexer has
/// not reached yet are matched by LIKE on subject and addresses and listed first. Fewer than three characters (the
/// trigram tokenizer needs three, sqlite.org/fts5.html §4.3.5): LIKE on subject and addresses, newest first.
/// Every statement is scoped to the user's folders.
/// </summary>
public sealed class MessageSearch(KakuninStore store)
{
    public const int MaxResults = 100;

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
        // The ranked ids first, highlight()/snippet() only for those (they re-read each row's text).
        await using var command = Sql.Command(
            connection,
            "WITH ranked AS (SELECT s.rowid AS id, s.rank AS r FROM message_search s JOIN messages m ON m.id = s.rowid " +
            "WHERE message_search MATCH @q AND m.folder_id IN (" + UserFolders + ") ORDER BY s.rank LIMIT @n) " +
            $"SELECT m.id, f.name, m.from_text, COALESCE(m.date_at, m.received_at), highlight(message_search, 0, {Marks}), " +
            $"snippet(message_search, 2, {Marks}, '…', 16) " +
            "FROM message_search JOIN ranked ON ranked.id = message_search.rowid JOIN messages m ON m.id = message_search.rowid JOIN folders f ON f.id = m.folder_id " +
            "WHERE message_search MATCH @q ORDER BY ranked.r",
            ("@q", phrase), ("@a", user), ("@n", limit));
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new SearchHit(reader.GetInt64(0), reader.GetString(1), Sql.NullableString(reader, 2), reader.GetString(4), reader.GetString(5), Sql.FromUnixMs(reader.GetInt64(3))));
        }

        return hits;
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
