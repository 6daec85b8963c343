using System.Globalization;

namespace Kakunin.Web.Api;

/// <summary>
/// Per-token rate limit (a fixed one-minute window per token, <see cref="ApiRateCounter"/>): beyond
/// <see cref="ApiOptions.RequestsPerMinute"/> a call is answered 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3)
/// in seconds and a problem details body. An endpoint filter of the /api group, so it runs after authorization:
/// requests without a working token never reach it; they are counted per client address where they are turned away
/// (<see cref="ApiTokenAuthentication"/>'s challenge). In memory on SQLite, shared rows on PostgreSQL (docs/api.md).
/// </summary>
public static class ApiRateLimit
{
    /// <summary>Counts the call against its token; answers 429 instead of running the endpoint when over the limit.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocation.HttpContext;
        var key = context.User.TokenId() is { } token ? "token:" + token.ToString(CultureInfo.InvariantCulture) : "address:" + context.Connection.RemoteIpAddress;
        var counter = context.RequestServices.GetRequiredService<ApiRateCounter>();
        if (await counter.CountAsync(key, context.RequestAborted) is { } retryAfter)
        {
            await RejectAsync(context, retryAfter, context.RequestServices.GetRequiredService<ApiOptions>(), "This token");
            return Results.Empty; // the 429 is written already
        }

        return await next(invocation);
    }

    /// <summary>The 429 answer: Retry-After in whole seconds (at least 1) and a problem details body naming who went over.</summary>
    public static async Task RejectAsync(HttpContext context, TimeSpan retryAfter, ApiOptions options, string who)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Problem(
            StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
            $"{who} made more than {options.RequestsPerMinute} requests in a minute; try again in {seconds} s.").ExecuteAsync(context);
    }
}
