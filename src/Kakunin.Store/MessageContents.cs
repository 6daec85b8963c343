using System.Security.Cryptography;

namespace Kakunin.Store;

/// <summary>
/// A mailbox message's bytes, stored once and referred to by every mailbox row that holds them (migration 4): one
/// queued message delivered to N local mailboxes costs one copy of its bytes and N small rows, not N copies. Rows
/// are keyed by the SHA-256 of the bytes, so identical bytes are found again whichever delivery, alias expansion or
/// queue pass stores them (the single writer makes look-up-then-insert race-free). A content row is deleted with the
/// last message that refers to it (<see cref="Release"/>).
/// </summary>
/// <remarks>
/// Rows written before migration 4 keep their bytes in <c>messages.content</c> (content_id NULL) and are read through
/// <see cref="Select"/>/<see cref="Join"/>: the migration then adds a table, a column and an index and rewrites no
/// blob, so opening a large existing store takes no time and no second copy of every message on disk. New rows keep
/// <c>messages.content</c> empty (the column is NOT NULL since migration 1).
/// </remarks>
public static class MessageContents
{
    /// <summary>The expression that reads a message's bytes; needs <see cref="Join"/> and the messages table as <c>m</c>.</summary>
    public const string Select = "COALESCE(c.content, m.content)";

    /// <summary>The join that <see cref="Select"/> reads from.</summary>
    public const string Join = " LEFT JOIN message_contents c ON c.id = m.content_id";

    /// <summary>Stores <paramref name="content"/> unless identical bytes are stored already; returns the content row's id.</summary>
    public static long Put(StoreTransaction transaction, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        return transaction.ScalarInt64("SELECT id FROM message_contents WHERE sha256 = $h", ("$h", hash))
            ?? transaction.ScalarInt64(
                "INSERT INTO message_contents (sha256, size, content) VALUES ($h, $s, $c) RETURNING id",
                ("$h", hash), ("$s", content.Length), ("$c", content.ToArray()))!.Value;
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
                "DELETE FROM message_contents WHERE id = $c AND NOT EXISTS (SELECT 1 FROM messages WHERE content_id = $c)", ("$c", id));
        }
    }
}
