namespace Kakunin.Store.Api;

/// <summary>
/// The webmail's one-time slots for newly created API tokens as rows (<c>created_token_slots</c>, migration 21), so the
/// redirect after "Create token" may reach any node on one PostgreSQL database (docs/postgresql.md). The caller stores
/// the token's text already encrypted (the webmail's data protection, whose keys all nodes share); a slot is deleted
/// by its first read, so it is shown once, and rows past their expiry are deleted by the next <see cref="PutAsync"/>.
/// Statements run on a pooled connection of their own, not through the writer (no commit notice to other nodes).
/// </summary>
public sealed class CreatedTokenSlotRepository(KakuninStore store)
{
    /// <summary>Keeps <paramref name="protectedToken"/> for <paramref name="user"/> in <paramref name="slot"/> until <paramref name="expiresAt"/>.</summary>
    public async Task PutAsync(string slot, string user, string protectedToken, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(slot);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var prune = Sql.Command(connection, "DELETE FROM created_token_slots WHERE expires_at <= @now", ("@now", now.ToUnixTimeMilliseconds())))
        {
            await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var insert = Sql.Command(
            connection,
            "INSERT INTO created_token_slots (slot, user_address, protected_token, expires_at) VALUES (@s, @u, @t, @e)",
            ("@s", slot), ("@u", user), ("@t", protectedToken), ("@e", expiresAt.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes <paramref name="slot"/> and returns what it held (null when there is no such slot: taken, expired and pruned, or never made).</summary>
    public async Task<(string User, string ProtectedToken, DateTimeOffset ExpiresAt)?> TakeAsync(string slot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(slot);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One statement: two nodes taking the same slot at once, one gets the row and the other nothing.
        await using var take = Sql.Command(connection, "DELETE FROM created_token_slots WHERE slot = @s RETURNING user_address, protected_token, expires_at", ("@s", slot));
        await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetString(0), reader.GetString(1), Sql.FromUnixMs(reader.GetInt64(2)))
            : null;
    }
}
