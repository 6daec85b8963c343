using System.Data.Common;
using Kakunin.Store;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>The dispatcher's read of the outbox, on its own connection (never the writer's, so SMTP never waits on it).</summary>
internal static class OutboxReader
{
    /// <summary>
    /// Pending deliveries due by <paramref name="now"/>, per enabled endpoint oldest due first, at most
    /// <paramref name="perEndpoint"/> in flight per endpoint counting <paramref name="inFlight"/> (delivery id →
    /// endpoint id). One index range per endpoint (ix_webhook_deliveries_endpoint_due), so a long backlog behind a slow
    /// endpoint costs nothing while that endpoint is saturated: it is not even looked at.
    /// </summary>
    public static async Task<List<DueDelivery>> DueAsync(
        DbConnection connection, DateTimeOffset now, int perEndpoint, IReadOnlyDictionary<long, long> inFlight, CancellationToken cancellationToken)
    {
        var endpoints = new List<(long Id, string Url, string Secret)>();
        await using (var command = Sql.Command(connection, "SELECT id, url, secret FROM webhook_endpoints WHERE enabled = 1"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                endpoints.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var busy = inFlight.Values.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        var due = new List<DueDelivery>();
        foreach (var (id, url, secret) in endpoints)
        {
            var running = busy.GetValueOrDefault(id);
            if (running >= perEndpoint)
            {
                continue;
            }

            await using var command = Sql.Command(
                connection,
                "SELECT id, event_id, attempts, retry_from FROM webhook_deliveries WHERE endpoint_id = @e AND state = 'pending' AND next_attempt_at <= @now " +
                "ORDER BY next_attempt_at, id LIMIT @n",
                ("@e", id), ("@now", Sql.ToUnixMs(now)), ("@n", perEndpoint + running));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var taken = running;
            while (taken < perEndpoint && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (inFlight.ContainsKey(reader.GetInt64(0)))
                {
                    continue;
                }

                due.Add(new DueDelivery(reader.GetInt64(0), id, reader.GetInt64(1), (int)reader.GetInt64(2), Sql.FromUnixMs(reader.GetInt64(3)), url, secret));
                taken++;
            }
        }

        return due;
    }

    /// <summary>
    /// Whether <paramref name="delivery"/> is still pending with the attempts it was read with. The list of due
    /// deliveries is read while attempts are in flight; one whose result was committed (and left the in-flight set)
    /// after that read is still in the list, and must not be sent again. A fresh statement sees that commit.
    /// </summary>
    public static async Task<bool> StillDueAsync(DbConnection connection, DueDelivery delivery, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(
            connection, "SELECT attempts FROM webhook_deliveries WHERE id = @id AND state = 'pending'", ("@id", delivery.Id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long attempts && attempts == delivery.Attempts;
    }
}
