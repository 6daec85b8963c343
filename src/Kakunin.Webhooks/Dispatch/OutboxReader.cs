using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// The dispatcher's read of the outbox, on its own connection (never the writer's, so SMTP never waits on it). Its two
/// statements are prepared once and kept for the connection's life (Microsoft.Data.Sqlite keeps a command's prepared
/// statement between executions), since a dispatch pass runs them many times a second under load.
/// </summary>
internal sealed class OutboxReader : IAsyncDisposable
{
    private readonly SqliteCommand _endpoints;
    private readonly SqliteCommand _due;

    public OutboxReader(SqliteConnection connection)
    {
        _endpoints = Sql.Command(connection, "SELECT id, url, secret FROM webhook_endpoints WHERE enabled = 1");
        _due = Sql.Command(
            connection,
            "SELECT id, event_id, attempts, retry_from FROM webhook_deliveries WHERE endpoint_id = $e AND state = 'pending' AND next_attempt_at <= $now " +
            "ORDER BY next_attempt_at, id LIMIT $n",
            ("$e", 0L), ("$now", 0L), ("$n", 0L));
    }

    /// <summary>The enabled endpoints: id, URL, secret.</summary>
    public async Task<List<(long Id, string Url, string Secret)>> EndpointsAsync(CancellationToken cancellationToken)
    {
        var endpoints = new List<(long, string, string)>();
        await using var reader = await _endpoints.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            endpoints.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return endpoints;
    }

    /// <summary>
    /// Up to <paramref name="take"/> pending deliveries of one endpoint due by <paramref name="now"/>, oldest due first,
    /// skipping the ones <paramref name="claims"/> holds (<paramref name="claimed"/> of them at most). One index range
    /// (ix_webhook_deliveries_endpoint_due), so a long backlog behind a busy endpoint costs only what is taken.
    /// </summary>
    public async Task<List<DueDelivery>> DueAsync(
        (long Id, string Url, string Secret) endpoint, DateTimeOffset now, int take, int claimed, ClaimedDeliveries claims, CancellationToken cancellationToken)
    {
        _due.Parameters["$e"].Value = endpoint.Id;
        _due.Parameters["$now"].Value = Sql.ToUnixMs(now);
        _due.Parameters["$n"].Value = take + claimed;
        var due = new List<DueDelivery>();
        await using var reader = await _due.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (due.Count < take && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            if (!claims.IsClaimed(id))
            {
                due.Add(new DueDelivery(id, endpoint.Id, reader.GetInt64(1), (int)reader.GetInt64(2), Sql.FromUnixMs(reader.GetInt64(3)), endpoint.Url, endpoint.Secret));
            }
        }

        return due;
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoints.DisposeAsync().ConfigureAwait(false);
        await _due.DisposeAsync().ConfigureAwait(false);
    }
}
