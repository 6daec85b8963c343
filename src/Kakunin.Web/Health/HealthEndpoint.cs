using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kakunin.Web.Health;

/// <summary>
/// GET /health on ASP.NET Core's health checks: every <see cref="IHealthCheck"/> registered with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name)</c> is run and reported by name. Healthy and Degraded answer
/// 200 (a load balancer keeps sending), Unhealthy 503.
/// </summary>
public static class HealthEndpoint
{
    public static IHealthChecksBuilder AddKakuninHealth(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<QueueHealthCheck>(QueueHealthCheck.Name);

    public static IEndpointConventionBuilder MapKakuninHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });

    public static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "failing",
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        long queued = -1;
        if (report.Entries.TryGetValue(QueueHealthCheck.Name, out var queue) && queue.Data.TryGetValue(QueueHealthCheck.QueuedRecipientsKey, out var value))
        {
            queued = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }

        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new CheckAnswer(
                StatusText(e.Value.Status),
                e.Value.Description ?? e.Value.Exception?.Message,
                e.Value.Data.Count == 0 ? null : e.Value.Data.ToDictionary(d => d.Key, d => Convert.ToString(d.Value, CultureInfo.InvariantCulture) ?? "")));
        var body = new HealthAnswer(StatusText(report.Status), queued, checks);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(body, HealthJsonContext.Default.HealthAnswer);
    }
}
