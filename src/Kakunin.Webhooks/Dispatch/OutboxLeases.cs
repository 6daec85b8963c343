using Kakunin.Store;
using Kakunin.Store.Dialects;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// The upkeep of this node's leases on deliveries (PostgreSQL; docs/webhooks.md, "Several processes or nodes"), each on a connection
/// of its own, never the dispatcher loop's: renewing the leases of attempts still running, so an attempt and its
/// result's commit that outlast <see cref="WebhookOptions.LeaseDuration"/> keep their delivery; and giving them up when
/// the node stops or a claimed delivery is not sent after all, so other nodes need not wait out the expiry. Both name
/// the deliveries by id (the primary key: no scan of the delivery log) and touch only rows this node still owns.
/// </summary>
internal sealed class OutboxLeases(KakuninStore store, OutboxLease lease)
{
    /// <summary>
    /// Moves the expiry of this node's leases on <paramref name="deliveryIds"/> to <see cref="OutboxLease.Duration"/> from
    /// now on the database's clock. Returns the rows renewed (one another node took over is not: its owner changed).
    /// </summary>
    public async Task<int> RenewAsync(IReadOnlyCollection<long> deliveryIds, CancellationToken cancellationToken)
    {
        if (deliveryIds.Count == 0)
        {
            return 0;
        }

        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // SKIP LOCKED: a row locked now is having its result written by this node's writer (which ends the lease) or is
        // being claimed by another node after the expiry; neither needs renewing, and waiting for the writer's row while
        // it waits for one renewed first would be a deadlock between the node's own connections (as the queue found).
        await using var command = Sql.Command(
            connection,
            $"UPDATE webhook_deliveries SET lease_until = {PostgresDialect.DatabaseNowMs} + @lease WHERE id IN (SELECT id FROM webhook_deliveries " +
            $"WHERE id IN ({store.Dialect.JsonArrayOfIds("@ids")}) AND lease_owner = @node FOR UPDATE SKIP LOCKED)",
            ("@lease", (long)lease.Duration.TotalMilliseconds), ("@ids", Json(deliveryIds)), ("@node", lease.Node));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives up this node's leases on <paramref name="deliveryIds"/>: they are free for any node at once.</summary>
    public async Task<int> ReleaseAsync(IReadOnlyCollection<long> deliveryIds, CancellationToken cancellationToken)
    {
        if (deliveryIds.Count == 0)
        {
            return 0;
        }

        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            $"UPDATE webhook_deliveries SET lease_owner = NULL, lease_token = NULL, lease_until = NULL WHERE id IN ({store.Dialect.JsonArrayOfIds("@ids")}) AND lease_owner = @node",
            ("@ids", Json(deliveryIds)), ("@node", lease.Node));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Json(IEnumerable<long> ids) => "[" + string.Join(',', ids.Select(Sql.Invariant)) + "]";
}
