using System.Globalization;
using System.Threading.RateLimiting;

namespace Kakunin.Web.Api;

/// <summary>
/// Per-token rate limit (ASP.NET Core's rate limiter, one fixed one-minute window per token): beyond
/// <see cref="ApiOptions.RequestsPerMinute"/> a call is answered 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3)
/// in seconds and a problem details body. Requests without a working token never reach this policy (authorization
/// turns them away first); they are limited per client address by <see cref="ApiAddressLimit"/>. Both limits are
/// kept in this process's memory (docs/api.md).
/// </summary>
public static class ApiRateLimit
{
    public const string Policy = "api-token";

    public static IServiceCollection AddKakuninApiRateLimit(this IServiceCollection services, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.TokenId() is { } token ? "token:" + token.ToString(CultureInfo.InvariantCulture) : "address:" + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.RequestsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = (rejected, _) => new ValueTask(RejectAsync(rejected.HttpContext, rejected.Lease, options, "This token"));
        });
    }

    /// <summary>The 429 answer: Retry-After in whole seconds (at least 1) and a problem details body naming who went over.</summary>
    public static async Task RejectAsync(HttpContext context, RateLimitLease lease, ApiOptions options, string who)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(options);
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Problem(
            StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
            $"{who} made more than {options.RequestsPerMinute} requests in a minute; try again in {seconds} s.").ExecuteAsync(context);
    }
}
