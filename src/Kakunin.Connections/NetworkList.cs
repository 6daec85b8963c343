using System.Net;

namespace Kakunin.Connections;

/// <summary>
/// A setting that lists addresses and CIDR blocks, comma-separated ("127.0.0.1", "10.0.0.0/24,::1"): the proxies whose
/// forwarded headers are believed, the balancers whose PROXY headers are read. A bare address is a network of that one address.
/// </summary>
public static class NetworkList
{
    /// <summary>The networks of <paramref name="value"/> (empty when it is empty); <paramref name="setting"/> names it in the error.</summary>
    public static IReadOnlyList<IPNetwork> Parse(string? value, string setting) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => ParseOne(item, setting))];

    /// <summary>
    /// Whether <paramref name="address"/> is in one of <paramref name="networks"/>. An IPv4-mapped IPv6 address (a
    /// dual-stack socket's view of an IPv4 client) matches its IPv4 block: <see cref="IPNetwork.Contains"/> maps it
    /// itself on .NET 10 (NetworkListTests pins this; unmapping here first changed nothing).
    /// </summary>
    public static bool Contains(IReadOnlyList<IPNetwork> networks, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(address);
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPNetwork ParseOne(string value, string setting)
    {
        if (value.Contains('/', StringComparison.Ordinal) ? IPNetwork.TryParse(value, out var network) : TryParseAddress(value, out network))
        {
            return network;
        }

        throw new FormatException($"{setting}: \"{value}\" is neither an IP address nor a CIDR block such as 10.0.0.0/24");
    }

    private static bool TryParseAddress(string value, out IPNetwork network)
    {
        network = default;
        if (!IPAddress.TryParse(value, out var address))
        {
            return false;
        }

        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
