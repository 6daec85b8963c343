namespace Kakunin.Store;

/// <summary>
/// A mailbox message's bytes, stored once and referred to by every mailbox row that holds them: one queued message
/// delivered to N local mailboxes costs one copy of its bytes and N small rows, not N copies (migration 4).
/// </summary>
/// <remarks>
/// <para>
/// Rows are found again by the queued message they were delivered from (migration 8), an increasing number, so a
/// delivery adds to the right-hand end of one small index. Migration 4 keyed them by the SHA-256 of the bytes under a
/// unique index: every delivery then wrote a random page of that index, and measured side by side that cost 10–15% of
/// SMTP throughput at 1 KB and 32 KB, for a sharing that never happens across queued messages (each carries its own
/// Received field). The SHA-256 is still stored, unindexed, and checked on every find: a queue id reused after its
/// message was purged finds bytes that are not this message's, and gets a row of its own.
/// </para>
/// <para>
/// Rows written before migration 4 keep their bytes in <c>messages.content</c> (content_id NULL) and are read through
/// <see cref="Select"/>/<see cref="Join"/>, so opening a large store rewrites no blob. New rows leave
/// <c>messages.content</c> empty (the column is NOT NULL since migration 1). Mail that did not come through the
/// queue (Sent copies, drafts) gets a row per message.
/// </para>
/// </remarks>
public static class MessageContents
{
    /// <summary>The expression that reads a message's bytes; needs <see cref="Join"/> and the messages table as <c>m</c>.</summary>
    public const string Select = "COALESCE(c.content, m.content)";

    /// <summary>
    /// The checksum recorded with those bytes (<see cref="Integrity.ContentChecksum"/>): message_contents.sha256, or for a
    /// row from before migration 4 the messages.sha256 migration 9 computed; needs <see cref="Join"/>.
    /// </summary>
    public const string Checksum = "CASE WHEN m.content_id IS NULL THEN m.sha256 ELSE c.sha256 END";

    /// <summary>The join that <see cref="Select"/> reads from.</summary>
    public const string Join = " LEFT JOIN message_contents c ON c.id = m.content_id";

    /// <summary>
    /// Stores <paramref name="content"/>, or finds it stored already for the same queued message (the one
    /// <paramref name="queueRecipientId"/> belongs to); returns the content row's id.
    /// </summary>
    public static long Put(StoreTransaction transaction, ReadOnlyMemory<byte> content, long? queueRecipientId = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var hash = Integrity.ContentChecksum.Of(content.Span);
        var queueMessageId = queueRecipientId is { } r
            ? transaction.ScalarInt64("SELECT message_id FROM queue_recipients WHERE id = @r", ("@r", r))
            : null;
        if (queueMessageId is { } q)
        {
            using var find = transaction.Command("SELECT id, sha256 FROM message_contents WHERE queue_message_id = @q", ("@q", q));
            using var reader = find.ExecuteReader();
            if (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!reader.IsDBNull(1) && reader.GetString(1) == hash)
                {
                    return id;
                }

                reader.Close();
                // Another message's bytes under a reused queue id: that row keeps its bytes and loses the key.
                transaction.Execute("UPDATE message_contents SET queue_message_id = NULL WHERE id = @id", ("@id", id));
            }
        }

        var contentId = transaction.ScalarInt64(
            "INSERT INTO message_contents (queue_message_id, sha256, size, content) VALUES (@q, @h, @s, @c) RETURNING id",
            ("@q", queueMessageId), ("@h", hash), ("@s", content.Length), ("@c", content.ToArray()))!.Value;

        // The header's length and checksum while the bytes are in hand (migration 11), so an IMAP header FETCH reads
        // only those bytes; the ENVELOPE is added the first time a client asks for it (docs/imap-store.md).
        var header = content.Span[..Imap.HeaderBlock.LengthOf(content.Span)];
        transaction.Execute(
            "INSERT INTO content_cache (content_id, header_length, header_sha256) VALUES (@c, @l, @h)",
            ("@c", contentId), ("@l", header.Length), ("@h", Integrity.ContentChecksum.Of(header)));
        return contentId;
    }

    /// <summary>The content rows that <paramref name="where"/> (a condition on messages, alias-free) refers to; read before deleting those messages.</summary>
    internal static List<long> ReferredBy(StoreTransaction transaction, string where, params (string Name, object? Value)[] parameters)
    {
        var ids = new List<long>();
        using var command = transaction.Command("SELECT DISTINCT content_id FROM messages WHERE content_id IS NOT NULL AND " + where, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Deletes those of <paramref name="contentIds"/> that no message refers to any more (after a delete for ever).</summary>
    internal static void Release(StoreTransaction transaction, IEnumerable<long> contentIds)
    {
        foreach (var id in contentIds)
        {
            transaction.Execute(
                "DELETE FROM message_contents WHERE id = @c AND NOT EXISTS (SELECT 1 FROM messages WHERE content_id = @c)", ("@c", id));
        }
    }
}
