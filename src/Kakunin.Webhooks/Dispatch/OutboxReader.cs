using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>The dispatcher's read of the outbox, on its own connection (never the writer's, so SMTP never waits on it).</summary>
internal static class OutboxReader
{
    /// <summary>
    /// Pending deliveries of enabled endpoints due by <paramref name="now"/>, oldest due first, at most
    /// <paramref name="perEndpoint"/> of each endpoint (those in flight included, as they are still pending and first),
    /// at most <paramref name="limit"/> in all.
    /// </summary>
    public static async Task<List<DueDelivery>> DueAsync(SqliteConnection connection, DateTimeOffset now, int perEndpoint, int limit, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(
            connection,
            "SELECT id, endpoint_id, event_id, attempts, retry_from, url, secret FROM (" +
            "SELECT d.id, d.endpoint_id, d.event_id, d.attempts, d.retry_from, d.next_attempt_at, w.url, w.secret, " +
            "ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) AS n " +
            "FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id " +
            "WHERE d.state = 'pending' AND d.next_attempt_at <= $now AND w.enabled = 1) WHERE n <= $per ORDER BY next_attempt_at, id LIMIT $limit",
            ("$now", Sql.ToUnixMs(now)), ("$per", perEndpoint), ("$limit", limit));
        var due = new List<DueDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new DueDelivery(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), (int)reader.GetInt64(3), Sql.FromUnixMs(reader.GetInt64(4)), reader.GetString(5), reader.GetString(6)));
        }

        return due;
    }

    /// <summary>When the next pending delivery of an enabled endpoint falls due; null when none is pending.</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(
            connection,
            "SELECT MIN(d.next_attempt_at) FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id WHERE d.state = 'pending' AND w.enabled = 1");
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ms ? Sql.FromUnixMs(ms) : null;
    }

    /// <summary>
    /// Whether <paramref name="delivery"/> is still pending with the attempts it was read with. The list of due
    /// deliveries is read while attempts are in flight; one whose result was committed (and left the in-flight set)
    /// after that read is still in the list, and must not be sent again. A fresh statement sees that commit.
    /// </summary>
    public static async Task<bool> StillDueAsync(SqliteConnection connection, DueDelivery delivery, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(
            connection, "SELECT attempts FROM webhook_deliveries WHERE id = $id AND state = 'pending'", ("$id", delivery.Id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long attempts && attempts == delivery.Attempts;
    }
}
