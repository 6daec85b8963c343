using Microsoft.Net.Http.Headers;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// Response headers that make the webmail harder to attack from other sites or from mail content.
/// Every response gets nosniff (no guessing a text/plain body is script) and no-referrer (URLs with message
/// ids never leak to links followed out of a message). HTML responses also get a Content-Security-Policy that
/// allows only our own script and styles (no inline script, so injected markup cannot run), no plugins, no
/// framing by other sites (click-jacking), forms posting only to us; and no-store, because they show mail.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                // A response that set its own policy keeps it (the message body frame, Mail/MessageEndpoints.cs).
                if (string.IsNullOrEmpty(response.Headers.ContentSecurityPolicy))
                {
                    response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
