namespace Kakunin.Store;

/// <summary>
/// The header sections of queued messages, read in one query for a whole pass of the runner, so that the cheap
/// "could this be a report?" test runs before and outside the settlement write without a read per message.
/// </summary>
public static class QueueHeaders
{
    /// <summary>
    /// For each queued message id, its bytes up to and including the blank line that ends the header section
    /// (RFC 5322 §2.1), at most <paramref name="maxBytes"/>. Unknown ids are absent from the result.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, byte[]>> ReadAsync(KakuninStore store, IReadOnlyCollection<long> messageIds, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(messageIds);
        var result = new Dictionary<long, byte[]>();
        if (messageIds.Count == 0)
        {
            return result;
        }

        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // json_each turns one text parameter into the id list (PostgreSQL: = ANY($ids)).
        await using var command = Sql.Command(
            connection,
            "SELECT id, substr(content, 1, CASE WHEN instr(content, x'0d0a0d0a') > 0 THEN min(instr(content, x'0d0a0d0a') + 3, $max) ELSE $max END) " +
            "FROM queue_messages WHERE id IN (SELECT value FROM json_each($ids))",
            ("$max", maxBytes), ("$ids", "[" + string.Join(',', messageIds.Select(Sql.Invariant)) + "]"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetInt64(0)] = (byte[])reader.GetValue(1);
        }

        return result;
    }
}
