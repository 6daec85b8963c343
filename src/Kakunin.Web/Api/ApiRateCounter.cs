using System.Threading.RateLimiting;
using Kakunin.Store;
using Kakunin.Store.Api;

namespace Kakunin.Web.Api;

/// <summary>
/// The API's one-minute counts (docs/api.md, "Limits"): <see cref="ApiOptions.RequestsPerMinute"/> calls per token,
/// and as many calls without a working token per client address, each in a fixed one-minute window. On SQLite (one
/// process per data folder) the counts are ASP.NET Core fixed-window rate limiters in this process's memory; on
/// PostgreSQL they are rows shared by every node (<see cref="ApiRateWindows"/>), so N nodes behind a balancer do not
/// allow N times the rate.
/// </summary>
public sealed class ApiRateCounter : IDisposable
{
    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ApiRateWindows? _rows;
    private readonly PartitionedRateLimiter<string>? _memory; // SQLite only

    public ApiRateCounter(ApiOptions options, TimeProvider time, KakuninStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(store);
        (_options, _time) = (options, time);
        if (store.IsSqlite)
        {
            _memory = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
                key, _ => new FixedWindowRateLimiterOptions { PermitLimit = Limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }
        else
        {
            _rows = new ApiRateWindows(store);
        }
    }

    private int Limit => Math.Max(1, _options.RequestsPerMinute);

    /// <summary>Counts one call of <paramref name="key"/>; null when it is within the limit, else how long until the window ends.</summary>
    public async ValueTask<TimeSpan?> CountAsync(string key, CancellationToken cancellationToken)
    {
        if (_memory is not null)
        {
            using var lease = _memory.AttemptAcquire(key);
            return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        }

        var now = _time.GetUtcNow();
        var calls = await _rows!.CountAsync(key, now, cancellationToken);
        return calls <= Limit ? null : ApiRateWindows.WindowOf(now) + TimeSpan.FromMinutes(1) - now;
    }

    public void Dispose() => _memory?.Dispose();
}
