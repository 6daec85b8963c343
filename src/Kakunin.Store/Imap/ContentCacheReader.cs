using System.Data.Common;
using Kakunin.Store.Integrity;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Imap;

/// <summary>
/// Reads a FETCH's header and ENVELOPE through the content cache (migration 11) for one read transaction. With a cache
/// row, the header is the first <c>header_length</c> bytes of the content, read with SQLite's incremental blob I/O (the
/// rest of the message, an attachment say, is not read at all) and checked against <c>header_sha256</c>; without one,
/// the content is read whole, checked against its own checksum, and the header's length and checksum are queued for the
/// cache. A cached ENVELOPE is given only when it matches its checksum. Every mismatch is reported to the store's
/// integrity state, as for any stored bytes (docs/storage.md).
/// </summary>
internal sealed class ContentCacheReader : IDisposable
{
    /// <summary>The columns <see cref="Read"/> expects after m.id and m.content_id.</summary>
    public const string Columns = "cc.header_length, cc.header_sha256, cc.envelope, cc.envelope_sha256, cc.envelope_utf8, cc.envelope_utf8_sha256";

    /// <summary>The join <see cref="Columns"/> reads from.</summary>
    public const string Join = " LEFT JOIN content_cache cc ON cc.content_id = m.content_id";

    // m.id, m.content_id and the six Columns: a content and its checksum read in the same row follow them.
    private const int InlineContent = 8;

    private readonly KakuninStore _store;
    private readonly DbConnection _connection;
    private readonly long _userId;
    private readonly DbCommand _whole;

    public ContentCacheReader(KakuninStore store, DbConnection connection, DbTransaction transaction, long userId)
    {
        (_store, _connection, _userId) = (store, connection, userId);
        _whole = Sql.Command(
            connection, "SELECT " + MessageContents.Select + ", " + MessageContents.Checksum + " FROM messages m" + MessageContents.Join + " WHERE m.id = @id", ("@id", 0L));
        _whole.Transaction = transaction;
    }

    /// <summary>
    /// The header and/or ENVELOPE of the row <paramref name="reader"/> is on; its columns from <paramref name="at"/>:
    /// m.id, m.content_id, then <see cref="Columns"/>.
    /// </summary>
    public MessageData Read(DbDataReader reader, int at, MessageData data, FetchWants wants, ContentCacheWriteBack writeBack)
    {
        var messageId = reader.GetInt64(at);
        long? contentId = reader.IsDBNull(at + 1) ? null : reader.GetInt64(at + 1);
        data = data with { ContentId = contentId };
        var hasRow = !reader.IsDBNull(at + 2);
        if (wants.Envelope != EnvelopeWanted.None && hasRow)
        {
            data = data with { Envelope = CachedEnvelope(reader, at + 4, messageId, wants.Envelope) };
        }

        if (!wants.Header && data.Envelope is not null)
        {
            return data; // no message byte read
        }

        // SQLite reads the header's bytes alone (incremental blob I/O); PostgreSQL has no such handle on a BYTEA
        // value and reads the whole content below (checked against its checksum, as any first read is).
        if (hasRow && contentId is { } id && _connection is SqliteConnection sqlite)
        {
            var header = new byte[reader.GetInt32(at + 2)];
            using (var blob = new SqliteBlob(sqlite, "message_contents", "content", id, readOnly: true))
            {
                blob.ReadExactly(header);
            }

            var damaged = !Matches(header, reader.GetString(at + 3), messageId, "header");
            return data with { Header = header, IsDamaged = damaged };
        }

        byte[] raw;
        string? checksum;
        if (reader.FieldCount >= at + InlineContent + 2)
        {
            // PostgreSQL: the content came in the row itself (one command at a time on a connection there).
            raw = (byte[])reader.GetValue(at + InlineContent);
            checksum = Sql.NullableString(reader, at + InlineContent + 1);
        }
        else
        {
            _whole.Parameters["@id"].Value = messageId;
            using var whole = _whole.ExecuteReader();
            if (!whole.Read())
            {
                return data;
            }

            raw = (byte[])whole.GetValue(0);
            checksum = Sql.NullableString(whole, 1);
        }

        var ok = _store.Mailboxes.CheckContent(_userId, messageId, raw, checksum);
        var headerBytes = ImapMailRepository.HeaderOf(raw);
        if (ok && contentId is { } newId)
        {
            writeBack.RememberHeader(newId, headerBytes.Span);
        }

        return data with { Header = headerBytes, IsDamaged = !ok };
    }

    public void Dispose() => _whole.Dispose();

    // The cached text for the mode asked (the UTF-8 form is stored only where it differs); null when absent or damaged.
    private ReadOnlyMemory<byte>? CachedEnvelope(DbDataReader reader, int at, long messageId, EnvelopeWanted mode)
    {
        var column = mode == EnvelopeWanted.Utf8 && !reader.IsDBNull(at + 2) ? at + 2 : at;
        if (reader.IsDBNull(column))
        {
            return null;
        }

        var text = (byte[])reader.GetValue(column);
        // The cast keeps "damaged" null: a null byte[] would become an empty (not null) ReadOnlyMemory.
        return Matches(text, Sql.NullableString(reader, column + 1), messageId, "cached ENVELOPE") ? (ReadOnlyMemory<byte>?)text : null;
    }

    private bool Matches(byte[] bytes, string? expected, long messageId, string what)
    {
        if (ContentChecksum.Matches(bytes, expected))
        {
            return true;
        }

        _store.Integrity.Found(new DamagedContent(
            DamagedContentSource.Mailbox, messageId, $"the {what} of message {messageId} of user {_userId}", expected!, ContentChecksum.Of(bytes), bytes.Length));
        return false;
    }
}
