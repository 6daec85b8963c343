using Kakunin.Protocol;
namespace Kakunin.Store.Security;

/// <summary>
/// The server's record of web sessions that no longer count: single session ids signed out before their cookie
/// expires, and a generation number per user that "sign out everywhere" increments. Written only by the server
/// process (through the store's writer); the web host keeps it in memory (<c>SessionRevocations</c>) and writes
/// through, so checking a cookie costs no database read.
/// </summary>
public sealed class SessionRepository
{
    private readonly KakuninStore _store;

    private readonly string _revoke;

    internal SessionRepository(KakuninStore store)
    {
        _store = store;
        // The later expiry wins: SQLite's two-argument max(), PostgreSQL's GREATEST() (the dialect).
        _revoke = "INSERT INTO revoked_sessions (session_id, expires_at) VALUES (@s, @e) ON CONFLICT (session_id) DO UPDATE SET expires_at = "
            + store.Dialect.Greatest("revoked_sessions.expires_at", "excluded.expires_at");
    }

    /// <summary>Records <paramref name="sessionId"/> as signed out until <paramref name="expiresAt"/> (when its cookie expires at the latest).</summary>
    public Task RevokeAsync(string sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return _store.Writer.WriteAsync(
            tx => tx.Execute(
                _revoke,
                ("@s", sessionId), ("@e", expiresAt.ToUnixTimeMilliseconds())),
            cancellationToken);
    }

    /// <summary>Increments the user's session generation (every session signed in before is revoked); returns the new one.</summary>
    public Task<long> RevokeAllAsync(string address, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(
            tx => tx.ScalarInt64(
                "INSERT INTO session_generations (address, generation) VALUES (@a, 1) ON CONFLICT (address) DO UPDATE SET generation = session_generations.generation + 1 RETURNING generation",
                ("@a", normalized)) ?? 1,
            cancellationToken);
    }

    /// <summary>
    /// Everything in force at <paramref name="now"/>: revoked session ids not yet expired, and each user's generation.
    /// Expired ids are deleted first (their cookies cannot be valid any more anyway).
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, DateTimeOffset> Revoked, IReadOnlyDictionary<string, long> Generations)> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _store.Writer.WriteAsync(
            tx => tx.Execute("DELETE FROM revoked_sessions WHERE expires_at <= @n", ("@n", now.ToUnixTimeMilliseconds())),
            cancellationToken).ConfigureAwait(false);
        var revoked = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var generations = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Sql.Command(connection, "SELECT session_id, expires_at FROM revoked_sessions"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                revoked[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            }
        }

        await using (var command = Sql.Command(connection, "SELECT address, generation FROM session_generations"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                generations[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return (revoked, generations);
    }
}
