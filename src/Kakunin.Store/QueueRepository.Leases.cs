namespace Kakunin.Store;

/// <summary>
/// Leases on queue recipients for several nodes on one PostgreSQL database (docs/postgresql.md, "The queue across
/// nodes: leases with a fencing token"; migration 18). A node claims due recipients by writing its name, a token from
/// the sequence queue_lease_tokens and an expiry into them; another node's claim skips them until the expiry; the
/// settlement is fenced by the token (<see cref="Fence"/>), so a node whose lease ran out while it was slow commits
/// nothing. SQLite (one process) does not use them: its runner's in-memory set is the claim (docs/queue.md).
/// Expiry is measured on the database's clock, so the nodes' clocks do not move it.
/// </summary>
public sealed partial class QueueRepository
{
    private const string DatabaseNowMs = Dialects.PostgresDialect.DatabaseNowMs;

    /// <summary>
    /// Claims up to <paramref name="limit"/> recipients due at <paramref name="now"/> that no live lease holds, for
    /// <paramref name="node"/>, all under one new token, for <paramref name="lease"/> from now on the database's clock.
    /// Two nodes claiming at once take different rows (FOR UPDATE SKIP LOCKED) instead of waiting for each other.
    /// PostgreSQL only; commits at once (the claim must be visible to the other nodes before the delivery starts).
    /// </summary>
    public async Task<(long Token, IReadOnlyList<(QueueMessageRecord Message, QueueRecipientRecord Recipient)> Due)> ClaimDueAsync(
        string node, TimeSpan lease, DateTimeOffset now, int limit, DueFilter filter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(filter);
        RefuseSqlite();
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (conditions, parameters) = DueConditions(_store.Dialect, now, filter);
        // nextval once per claim (a CTE with a volatile function is evaluated once): one token for the batch.
        var sql =
            "WITH token AS (SELECT nextval('queue_lease_tokens') AS value), claimed AS (" +
            $"UPDATE queue_recipients SET lease_owner = @node, lease_token = (SELECT value FROM token), lease_until = {DatabaseNowMs} + @lease " +
            "WHERE id IN (SELECT r.id FROM queue_recipients r JOIN queue_messages m ON m.id = r.message_id " +
            $"WHERE {conditions} AND (r.lease_until IS NULL OR r.lease_until < {DatabaseNowMs}) " +
            "ORDER BY r.next_attempt_at, r.id LIMIT @limit FOR UPDATE OF r SKIP LOCKED) RETURNING *) " +
            $"SELECT {MessageColumns}, {RecipientColumns}, r.lease_token FROM claimed r JOIN queue_messages m ON m.id = r.message_id ORDER BY r.next_attempt_at, r.id";
        await using var command = Sql.Command(connection, sql, [.. parameters, ("@limit", limit), ("@node", node), ("@lease", (long)lease.TotalMilliseconds)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<(QueueMessageRecord, QueueRecipientRecord)>();
        long token = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((ReadMessage(reader), ReadRecipient(reader, 14)));
            token = reader.GetInt64(34);
        }

        return (token, list);
    }

    /// <summary>
    /// Moves the expiry of <paramref name="node"/>'s leases under <paramref name="tokens"/> to <paramref name="lease"/>
    /// from now (database clock): the runner does it every <c>LeaseRenewal</c> while the attempts run. Returns the rows
    /// renewed (a lease another node took meanwhile is not renewed: its token changed).
    /// </summary>
    public async Task<int> RenewLeasesAsync(string node, IReadOnlyCollection<long> tokens, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        RefuseSqlite();
        if (tokens.Count == 0)
        {
            return 0;
        }

        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            // SKIP LOCKED: a row locked now is being settled (this node's writer fences it) or claimed by another node after
            // its expiry; either way it needs no renewal, and waiting for it while the writer waits for a row this statement
            // renewed first was a deadlock between the node's own two connections (PostgreSQL names it 40P01).
            $"UPDATE queue_recipients SET lease_until = {DatabaseNowMs} + @lease WHERE id IN (SELECT id FROM queue_recipients " +
            $"WHERE lease_owner = @node AND lease_token IN ({_store.Dialect.JsonArrayOfIds("@tokens")}) FOR UPDATE SKIP LOCKED)",
            ("@lease", (long)lease.TotalMilliseconds), ("@node", node),
            ("@tokens", System.Text.Json.JsonSerializer.Serialize(tokens, DueFilterJson.Default.IReadOnlyCollectionInt64)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives up <paramref name="node"/>'s leases: when the node stops, all of them (<paramref name="recipientIds"/> null),
    /// so other nodes need not wait out the expiry; after an attempt that failed before its settlement, only that job's
    /// recipients. One claim's token covers several jobs, and the others may still be delivering: freed, their recipients
    /// would be claimed and sent again by another node while this one sends them.
    /// </summary>
    public async Task<int> ReleaseLeasesAsync(string node, IReadOnlyCollection<long>? recipientIds, CancellationToken cancellationToken)
    {
        RefuseSqlite();
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        const string Release = "UPDATE queue_recipients SET lease_owner = NULL, lease_token = NULL, lease_until = NULL WHERE lease_owner = @node";
        await using var command = recipientIds is null
            ? Sql.Command(connection, Release, ("@node", node))
            : Sql.Command(
                connection,
                $"{Release} AND id IN ({_store.Dialect.JsonArrayOfIds("@ids")})",
                ("@node", node), ("@ids", System.Text.Json.JsonSerializer.Serialize(recipientIds, DueFilterJson.Default.IReadOnlyCollectionInt64)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The fence of a settlement (inside its transaction, before it writes anything else): ends the lease of
    /// <paramref name="recipientId"/> if <paramref name="token"/> still holds it, and throws
    /// <see cref="QueueLeaseLostException"/> if another claim replaced it — the writer then rolls the whole unit back.
    /// The UPDATE locks the row until the commit, so no other node can claim it between this check and the commit;
    /// a claim that was in progress makes it wait and then see the new token (PostgreSQL re-reads the row it waited for).
    /// A recipient deleted meanwhile (an administrator's <c>kakunin queue delete</c>) is no lost lease: the settlement skips it.
    /// </summary>
    public static void Fence(StoreTransaction transaction, long recipientId, long token)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var ended = transaction.Execute(
            "UPDATE queue_recipients SET lease_owner = NULL, lease_token = NULL, lease_until = NULL WHERE id = @id AND lease_token = @token",
            ("@id", recipientId), ("@token", token));
        if (ended == 0 && transaction.ScalarInt64("SELECT COUNT(*) FROM queue_recipients WHERE id = @id", ("@id", recipientId)) > 0)
        {
            throw new QueueLeaseLostException(recipientId, token, transaction.ScalarInt64("SELECT lease_token FROM queue_recipients WHERE id = @id", ("@id", recipientId)));
        }
    }

    private void RefuseSqlite()
    {
        if (_store.IsSqlite)
        {
            throw new NotSupportedException("Queue leases are for several nodes on PostgreSQL; on SQLite the runner's in-memory set is the claim (docs/queue.md).");
        }
    }
}
