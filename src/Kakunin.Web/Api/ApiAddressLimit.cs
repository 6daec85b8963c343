using System.Net;
using System.Threading.RateLimiting;

namespace Kakunin.Web.Api;

/// <summary>
/// The rate limit of calls without a working token, per client address (docs/api.md, "Rate limits"): the same
/// <see cref="ApiOptions.RequestsPerMinute"/> in a fixed one-minute window. It is counted where such a call is turned
/// away (<see cref="ApiTokenAuthentication"/>'s challenge), because the authorization middleware answers it before
/// the endpoint's rate-limit policy (<see cref="ApiRateLimit"/>) is reached; so a client guessing tokens meets 429
/// after that many tries a minute. Kept in this process's memory, like the per-token limit.
/// </summary>
public sealed class ApiAddressLimit(ApiOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
        address, _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.RequestsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Counts one turned-away call from <paramref name="address"/>; the lease says whether it is still within the limit.</summary>
    public RateLimitLease Count(IPAddress? address) => _limiter.AttemptAcquire("address:" + address);

    public void Dispose() => _limiter.Dispose();
}
