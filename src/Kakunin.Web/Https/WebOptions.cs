using System.Net;

namespace Kakunin.Web.Https;

/// <summary>
/// The web host's settings beyond its ports, bound from "Kakunin:Web": where plain HTTP redirects to, how long
/// browsers remember to use HTTPS, and which reverse proxies may say who the client is (docs/https.md,
/// docs/reverse-proxy.md).
/// </summary>
public sealed class WebOptions
{
    /// <summary>
    /// The address the web listeners (HTTP and HTTPS) bind to, when it should differ from
    /// <see cref="KakuninOptions.ListenAddress"/>: behind a reverse proxy on the same machine, "127.0.0.1" keeps the
    /// webmail off the network while SMTP faces it. Default: <see cref="KakuninOptions.ListenAddress"/>.
    /// </summary>
    public string? ListenAddress { get; set; }

    /// <summary>The web listeners' address: <see cref="ListenAddress"/>, else <paramref name="serverAddress"/> (every listener's).</summary>
    public IPAddress ListenOn(string serverAddress) => IPAddress.Parse(string.IsNullOrWhiteSpace(ListenAddress) ? serverAddress : ListenAddress);

    /// <summary>
    /// The host name in the HTTP → HTTPS redirect. Default: <see cref="KakuninOptions.HostName"/>. Never taken from
    /// the request's Host header, which the client chooses.
    /// </summary>
    public string? PublicHost { get; set; }

    /// <summary>
    /// The port in the redirect when browsers reach HTTPS on another port than <see cref="KakuninOptions.HttpsPort"/>
    /// (a container or firewall mapping 443 to it). Default: <see cref="KakuninOptions.HttpsPort"/>.
    /// </summary>
    public int? PublicHttpsPort { get; set; }

    /// <summary>
    /// Strict-Transport-Security max-age (RFC 6797 §6.1.1) on every HTTPS response. Default one year; zero tells
    /// browsers to forget the policy (the way back to plain HTTP).
    /// </summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Adds includeSubDomains (RFC 6797 §6.1.2): every name under the host must then serve HTTPS too. Default off.</summary>
    public bool HstsIncludeSubDomains { get; set; }

    /// <summary>
    /// Adds "preload", asking browser makers to build the host into their lists (not part of RFC 6797; hard to undo).
    /// Default off.
    /// </summary>
    public bool HstsPreload { get; set; }

    /// <summary>
    /// Comma-separated addresses or CIDR blocks of reverse proxies ("127.0.0.1", "10.0.0.0/24,::1") whose
    /// X-Forwarded-For and X-Forwarded-Proto are believed. Empty (the default): nobody's; every request's client is
    /// the address that connected.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>The parsed <see cref="TrustedProxies"/>; a bare address is a network of that one address.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxyNetworks() => Kakunin.Connections.NetworkList.Parse(TrustedProxies, "Kakunin:Web:TrustedProxies (--trusted-proxies)");
}
