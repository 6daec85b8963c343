using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kakunin.Web.Https;

/// <summary>
/// How the web host treats the transport (docs/https.md, docs/reverse-proxy.md): which proxies may say who the
/// client is and whether it used HTTPS, the redirect from plain HTTP, HSTS, and Secure cookies.
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddKakuninTransportSecurity(this IServiceCollection services, KakuninOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var web = options.Web;
        services.AddHsts(hsts =>
        {
            // RFC 6797 §6.1. ExcludedHosts keeps ASP.NET Core's localhost, 127.0.0.1 and [::1]: the demo on
            // localhost must not pin every other local web server to HTTPS, and browsers ignore HSTS from an IP
            // address anyway (RFC 6797 §8.1).
            hsts.MaxAge = web.HstsMaxAge;
            hsts.IncludeSubDomains = web.HstsIncludeSubDomains;
            hsts.Preload = web.HstsPreload;
        });
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // X-Forwarded-Host is not read: nothing here builds a URL from the Host header (the redirect goes to the
            // configured public name), so the proxy passes Host itself (docs/reverse-proxy.md).
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; only the configured proxies are trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in web.TrustedProxyNetworks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }

            // Walk X-Forwarded-For from the right while the hop that added the entry is a trusted proxy: the client is
            // the first address no trusted proxy vouches for. With a limit of 1 a chain (CDN → nginx) would yield
            // the CDN; entries left of the client are the client's own words and are never believed.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>The middleware, in order; first in the pipeline, so everything after sees the real client and scheme.</summary>
    public static WebApplication UseKakuninTransportSecurity(this WebApplication app, KakuninOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Web.TrustedProxyNetworks().Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (RedirectTarget(options) is { } target)
        {
            app.UseMiddleware<HttpsRedirect>(target.Host, target.Port);
            // Every cookie Secure, whoever sets it: with HTTPS on, no page is served over plain HTTP.
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always, HttpOnly = HttpOnlyPolicy.None });
        }

        // Only on HTTPS responses (RFC 6797 §7.2: not over plain HTTP), whether TLS ended here or at a trusted proxy.
        app.UseHsts();
        return app;
    }

    /// <summary>Where plain HTTP is sent when the HTTPS listener is on: the public host name and HTTPS port. Null when off.</summary>
    public static (string Host, int Port)? RedirectTarget(KakuninOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.HttpsPort is { } httpsPort
            ? (string.IsNullOrWhiteSpace(options.Web.PublicHost) ? options.HostName : options.Web.PublicHost, options.Web.PublicHttpsPort ?? httpsPort)
            : null;
    }
}
