using System.Net;

namespace Kakunin.Web;

/// <summary>
/// Who may read /metrics: loopback and the trusted networks by default, or the networks in
/// <see cref="KakuninOptions.MetricsNetworks"/> when set ("0.0.0.0/0,::/0" opens it to all). Anyone else gets 404,
/// as if there were no such page: queue sizes and traffic are nobody else's business, and a 403 would confirm
/// the endpoint exists (the choice GitHub documents for private resources).
/// </summary>
public sealed class MetricsAccess
{
    /// <summary>The path the Prometheus exporter answers.</summary>
    public const string Path = "/metrics";

    private readonly IPNetwork[] _allowed;

    public MetricsAccess(IReadOnlyList<IPNetwork> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        _allowed = [.. allowed];
    }

    /// <summary>The networks allowed when nothing is configured: IPv4 and IPv6 loopback, plus <paramref name="trusted"/>.</summary>
    public static IPNetwork[] Default(IEnumerable<IPNetwork> trusted) =>
        [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"), .. trusted];

    public bool Allows(IPAddress? client)
    {
        return client is not null && Kakunin.Connections.NetworkList.Contains(_allowed, client);
    }

    /// <summary>Middleware: answers 404 to a /metrics request from outside the allowed networks.</summary>
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase) && !Allows(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next().ConfigureAwait(false);
    }
}
