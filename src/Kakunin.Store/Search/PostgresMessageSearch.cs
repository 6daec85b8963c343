using System.Data.Common;
using System.Text;
using Kakunin.Protocol;
using Kakunin.Store.Mail;

namespace Kakunin.Store.Search;

/// <summary>
/// <see cref="MessageSearch"/> on PostgreSQL (docs/postgresql.md, "Search"): the documented simpler query instead of
/// FTS5. One statement over the user's folders: ILIKE (every case ignored) on the subject, From and To of every message,
/// and on the indexed addresses and body where <see cref="SearchIndexer"/> has reached the message (message_search,
/// a plain table there, id = messages.id). No pg_trgm index, so the statement reads all of the user's messages: fine
/// for a mailbox of some ten thousand messages, the first thing to change for large ones. Newest first (no bm25 rank);
/// the subject is highlighted with <see cref="SearchMarkers"/> and the body gives a snippet around its first match,
/// as SQLite's highlight() and snippet() do. Any length of text (no trigram minimum).
/// </summary>
internal static class PostgresMessageSearch
{
    /// <summary>Characters of body shown on each side of the first match (SQLite's snippet() shows 16 trigram tokens).</summary>
    private const int SnippetSide = 24;

    public static async Task<IReadOnlyList<SearchHit>> SearchAsync(DbConnection connection, string address, string text, int limit, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(
            connection,
            "SELECT m.id, f.name, m.from_text, COALESCE(m.date_at, m.received_at), m.subject, s.body FROM messages m " +
            "JOIN folders f ON f.id = m.folder_id JOIN users u ON u.id = f.user_id LEFT JOIN message_search s ON s.id = m.id " +
            "WHERE u.address = @a AND (m.subject ILIKE @p ESCAPE '\\' OR m.from_text ILIKE @p ESCAPE '\\' OR m.to_text ILIKE @p ESCAPE '\\' " +
            "OR s.addresses ILIKE @p ESCAPE '\\' OR s.body ILIKE @p ESCAPE '\\') ORDER BY m.id DESC LIMIT @n",
            ("@a", MailboxIdentity.KeyOf(address)), ("@p", LikePattern.Contains(text)), ("@n", limit));
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var subject = SearchMarkers.Strip(Sql.NullableString(reader, 4) ?? string.Empty);
            var body = Sql.NullableString(reader, 5) ?? string.Empty;
            hits.Add(new SearchHit(
                reader.GetInt64(0), reader.GetString(1), Sql.NullableString(reader, 2), Mark(subject, text), Snippet(body, text), Sql.FromUnixMs(reader.GetInt64(3))));
        }

        return hits;
    }

    /// <summary>The text with every (case-ignoring) occurrence of <paramref name="text"/> between the markers.</summary>
    internal static string Mark(string value, string text)
    {
        var marked = new StringBuilder(value.Length + 8);
        var at = 0;
        while (at < value.Length)
        {
            var found = value.IndexOf(text, at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                break;
            }

            marked.Append(value, at, found - at).Append(SearchMarkers.Start).Append(value, found, text.Length).Append(SearchMarkers.End);
            at = found + text.Length;
        }

        return marked.Append(value, at, value.Length - at).ToString();
    }

    /// <summary>A piece of the body around its first match, marked, with "…" where it was cut; empty when the body does not hold it.</summary>
    internal static string Snippet(string body, string text)
    {
        var found = body.IndexOf(text, StringComparison.OrdinalIgnoreCase);
        if (found < 0)
        {
            return string.Empty;
        }

        var start = Math.Max(0, found - SnippetSide);
        var end = Math.Min(body.Length, found + text.Length + SnippetSide);
        var piece = SearchMarkers.Strip(body[start..end]);
        return (start > 0 ? "…" : string.Empty) + Mark(piece, text) + (end < body.Length ? "…" : string.Empty);
    }
}
