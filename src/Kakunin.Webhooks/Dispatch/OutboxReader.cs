using System.Data.Common;
using Kakunin.Store;
using Kakunin.Store.Dialects;
using Kakunin.Tracking.Events;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// The dispatcher's read of the outbox, on its own connection (never the writer's, so SMTP never waits on it). Its
/// four statements are made once and run again with new values, so SQLite prepares each once per connection instead
/// of once per pass or per webhook: prepared anew, the payload's 5-table join, the due list and the still-pending
/// check cost ~150 µs of CPU per webhook against ~50 µs reused (docs/benchmarks.md §13, run M). Not thread-safe: the
/// dispatcher's loop is its only user.
/// On PostgreSQL (<see cref="OutboxLease"/> given) the due list is a claim instead: the same rows, taken with a lease
/// in one committed statement, so that of several nodes on one database only one posts each delivery.
/// </summary>
internal sealed class OutboxReader : IAsyncDisposable
{
    /// <summary>
    /// PostgreSQL's claim of one endpoint's due deliveries (docs/webhooks.md, "Several processes or nodes"), as the queue claims
    /// recipients (QueueRepository.ClaimDueAsync): rows no live lease holds get this node's name, one new token from
    /// webhook_lease_tokens and an expiry on the database's clock. FOR UPDATE SKIP LOCKED: two nodes claiming at once
    /// take different rows instead of waiting for each other. Runs outside any transaction, so it is committed (and
    /// seen by the other nodes) before the POST starts.
    /// </summary>
    private const string ClaimSql =
        "WITH token AS (SELECT nextval('webhook_lease_tokens') AS value), claimed AS (" +
        $"UPDATE webhook_deliveries SET lease_owner = @node, lease_token = (SELECT value FROM token), lease_until = {PostgresDialect.DatabaseNowMs} + @lease " +
        "WHERE id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = @e AND state = 'pending' AND next_attempt_at <= @now " +
        $"AND (lease_until IS NULL OR lease_until < {PostgresDialect.DatabaseNowMs}) ORDER BY next_attempt_at, id LIMIT @n FOR UPDATE SKIP LOCKED) " +
        "RETURNING id, event_id, attempts, retry_from, lease_token, next_attempt_at) " +
        "SELECT id, event_id, attempts, retry_from, lease_token FROM claimed ORDER BY next_attempt_at, id";

    private readonly DbCommand _endpoints;
    private readonly DbCommand _due;
    private readonly DbCommand _stillDue;
    private readonly DbCommand _payload;
    private readonly bool _claims;

    public OutboxReader(DbConnection connection, OutboxLease? lease = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _endpoints = Sql.Command(connection, "SELECT id, url, secret FROM webhook_endpoints WHERE enabled = 1");
        _claims = lease is not null;
        _due = lease is null
            ? Sql.Command(
                connection,
                "SELECT id, event_id, attempts, retry_from FROM webhook_deliveries WHERE endpoint_id = @e AND state = 'pending' AND next_attempt_at <= @now " +
                "ORDER BY next_attempt_at, id LIMIT @n",
                ("@e", 0L), ("@now", 0L), ("@n", 0))
            : Sql.Command(connection, ClaimSql, ("@e", 0L), ("@now", 0L), ("@n", 0), ("@node", lease.Node), ("@lease", (long)lease.Duration.TotalMilliseconds));
        _stillDue = Sql.Command(connection, "SELECT attempts FROM webhook_deliveries WHERE id = @id AND state = 'pending'", ("@id", 0L));
        _payload = EventPayloadReader.CreateReadCommand(connection);
    }

    /// <summary>Whether <see cref="DueAsync"/> claims with leases (PostgreSQL): then its rows need no <see cref="StillDueAsync"/>.</summary>
    public bool Claims => _claims;

    /// <summary>
    /// Pending deliveries due by <paramref name="now"/>, per enabled endpoint oldest due first, at most
    /// <paramref name="perEndpoint"/> in flight per endpoint counting <paramref name="inFlight"/> (delivery id →
    /// endpoint id), and at most <paramref name="room"/> in all. One index range per endpoint
    /// (ix_webhook_deliveries_endpoint_due), so a long backlog behind a slow endpoint costs nothing while that endpoint
    /// is saturated: it is not even looked at. On PostgreSQL the rows are claimed: exactly as many as there is room
    /// for, since a claimed row no one sends waits for its lease to run out.
    /// </summary>
    public async Task<List<DueDelivery>> DueAsync(
        DateTimeOffset now, int perEndpoint, IReadOnlyDictionary<long, long> inFlight, CancellationToken cancellationToken, int room = int.MaxValue)
    {
        var endpoints = new List<(long Id, string Url, string Secret)>();
        await using (var reader = await _endpoints.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
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
            var wanted = Math.Min(perEndpoint - running, room - due.Count);
            if (wanted <= 0)
            {
                continue;
            }

            _due.Parameters["@e"].Value = id;
            _due.Parameters["@now"].Value = Sql.ToUnixMs(now);
            // A plain read skips what is in flight here, so it reads that many more; a claim never returns a row this
            // node holds (its lease is live), so it takes exactly what there is room for.
            _due.Parameters["@n"].Value = _claims ? wanted : perEndpoint + running;
            await using var reader = await _due.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var taken = 0;
            while ((_claims || taken < wanted) && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!_claims && inFlight.ContainsKey(reader.GetInt64(0)))
                {
                    continue;
                }

                due.Add(new DueDelivery(
                    reader.GetInt64(0), id, reader.GetInt64(1), (int)reader.GetInt64(2), Sql.FromUnixMs(reader.GetInt64(3)), url, secret, _claims ? reader.GetInt64(4) : null));
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
    public async Task<bool> StillDueAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        _stillDue.Parameters["@id"].Value = delivery.Id;
        return await _stillDue.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long attempts && attempts == delivery.Attempts;
    }

    /// <summary>The delivery's event as sent (null when this version sends no such type).</summary>
    public Task<EventPayload?> PayloadAsync(long eventId, CancellationToken cancellationToken) => EventPayloadReader.ReadAsync(_payload, eventId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _endpoints.DisposeAsync().ConfigureAwait(false);
        await _due.DisposeAsync().ConfigureAwait(false);
        await _stillDue.DisposeAsync().ConfigureAwait(false);
        await _payload.DisposeAsync().ConfigureAwait(false);
    }
}
