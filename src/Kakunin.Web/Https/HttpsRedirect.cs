using Microsoft.AspNetCore.Http.Extensions;

namespace Kakunin.Web.Https;

/// <summary>
/// Sends a request that came over plain HTTP to the same path and query on HTTPS, at the configured public host and
/// port. Written here rather than with ASP.NET Core's UseHttpsRedirection because that one takes the host from the
/// request's Host header (whatever the client sent ends up in our Location), has one status code for every method
/// and no exemptions.
/// Not redirected: /.well-known/acme-challenge/ (RFC 8555 §8.3: the CA fetches the token over plain HTTP on port 80;
/// it would follow a redirect, but the token must be reachable before any certificate exists), /health and /metrics
/// (monitoring talks plain HTTP on loopback and must not depend on a certificate).
/// </summary>
public sealed class HttpsRedirect
{
    private static readonly PathString[] Exempt = ["/.well-known/acme-challenge", "/health", "/metrics"];

    private readonly RequestDelegate _next;
    private readonly HostString _target;

    public HttpsRedirect(RequestDelegate next, string host, int port)
    {
        _next = next;
        _target = Target(host, port);
    }

    /// <summary>"mail.example.com" or "mail.example.com:8443": the authority of the redirect's https URL.</summary>
    public static string TargetText(string host, int port) => Target(host, port).Value ?? string.Empty;

    // RFC 9110 §4.2.2: 443 is the default port of https and is left out of the URI.
    private static HostString Target(string host, int port) => port == 443 ? new HostString(host) : new HostString(host, port);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.IsHttps || IsExempt(request.Path))
        {
            return _next(context);
        }

        // GET and HEAD: 301, which every client follows (RFC 9110 §15.4.2). Anything else: 308, which must repeat the
        // method and body (RFC 9110 §15.4.9), where 301 lets clients turn a POST into a GET and lose the form.
        var response = context.Response;
        response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? StatusCodes.Status301MovedPermanently
            : StatusCodes.Status308PermanentRedirect;
        response.Headers.Location = UriHelper.BuildAbsolute("https", _target, request.PathBase, request.Path, request.QueryString);
        return Task.CompletedTask;
    }

    private static bool IsExempt(PathString path) =>
        Array.Exists(Exempt, prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
