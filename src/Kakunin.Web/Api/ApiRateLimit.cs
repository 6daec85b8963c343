using System.Globalization;
using System.Threading.RateLimiting;

namespace Kakunin.Web.Api;

/// <summary>
/// Per-token rate limit (ASP.NET Core's rate limiter, one fixed one-minute window per token): beyond
/// <see cref="ApiOptions.RequestsPerMinute"/> a call is answered 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3)
/// in seconds and a problem details body. Requests without a token are limited per client address.
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
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Problem(
                    StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
                    $"This token made more than {options.RequestsPerMinute} requests in a minute; try again in {seconds} s.").ExecuteAsync(rejected.HttpContext);
            };
        });
    }
}
