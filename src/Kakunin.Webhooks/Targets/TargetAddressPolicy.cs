using System.Net;
using System.Net.Sockets;

namespace Kakunin.Webhooks.Targets;

/// <summary>
/// Which addresses a webhook may not be sent to unless an administrator allows private targets (SSRF: a user's URL must
/// not reach this server's own services or its network). Refused: loopback (127.0.0.0/8, ::1), "this network" and
/// unspecified (0.0.0.0/8, ::), private (10/8, 172.16/12, 192.168/16, RFC 1918), shared CGN space (100.64/10,
/// RFC 6598), link-local (169.254/16, fe80::/10), unique-local (fc00::/7, RFC 4193), the deprecated site-local
/// (fec0::/10), multicast (224/4, ff00::/8), reserved and broadcast (240/4), and any IPv6 form that carries an IPv4
/// address (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, RFC 6052) judged by that IPv4 address.
/// </summary>
public static class TargetAddressPolicy
{
    private static readonly IPNetwork[] RefusedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments (RFC 6890)
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking (RFC 2544)
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork[] RefusedV6 =
    [
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");

    /// <summary>True when a webhook may not be sent to <paramref name="address"/> without the administrator's permission.</summary>
    public static bool IsRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Array.Exists(RefusedV4, n => n.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsRefused(address.MapToIPv4());
        }

        if (Nat64.Contains(address) || (Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback)))
        {
            return IsRefused(new IPAddress(address.GetAddressBytes()[12..]));
        }

        return Array.Exists(RefusedV6, n => n.Contains(address));
    }
}
