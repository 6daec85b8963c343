namespace Kakunin.Store.Api;

/// <summary>
/// The API's fixed one-minute windows as rows (<c>api_rate_windows</c>, migration 21), one per token or client address,
/// so that every node on one PostgreSQL database counts the same calls (docs/api.md "Limits", docs/postgresql.md).
/// A window is a whole minute of the clock (Unix time divided by 60 s), so all nodes agree on it; a node whose clock
/// is behind never moves a window back. Each call is one UPSERT on a pooled connection of its own (not through the
/// writer: no durable commit, no commit notice; the table is UNLOGGED on PostgreSQL). Windows older than the previous
/// minute are deleted at most once a minute per instance.
/// </summary>
public sealed class ApiRateWindows(KakuninStore store)
{
    private static readonly long WindowMs = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    private long _nextPruneMs = long.MinValue;

    /// <summary>The start of the window <paramref name="now"/> falls in.</summary>
    public static DateTimeOffset WindowOf(DateTimeOffset now) => Sql.FromUnixMs(now.ToUnixTimeMilliseconds() / WindowMs * WindowMs);

    /// <summary>Counts one call of <paramref name="key"/> at <paramref name="now"/>; returns the calls in its window so far, this one included.</summary>
    public async Task<long> CountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var window = WindowOf(now).ToUnixTimeMilliseconds();
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var nextPrune = Volatile.Read(ref _nextPruneMs);
        if (window >= nextPrune && Interlocked.CompareExchange(ref _nextPruneMs, window + WindowMs, nextPrune) == nextPrune)
        {
            await using var prune = Sql.Command(connection, "DELETE FROM api_rate_windows WHERE window_start < @w", ("@w", window - WindowMs));
            await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var count = Sql.Command(
            connection,
            "INSERT INTO api_rate_windows (key, window_start, requests) VALUES (@k, @w, 1) ON CONFLICT (key) DO UPDATE SET " +
            "requests = CASE WHEN api_rate_windows.window_start >= @w THEN api_rate_windows.requests + 1 ELSE 1 END, " +
            "window_start = CASE WHEN api_rate_windows.window_start >= @w THEN api_rate_windows.window_start ELSE @w END " +
            "RETURNING requests",
            ("@k", key), ("@w", window));
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
