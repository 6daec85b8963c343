using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kakunin.Cli.Settings;

/// <summary>A server's host and port, written host:port, or [v6]:port for an IPv6 literal (RFC 3986 §3.2.2).</summary>
internal sealed record ServerAddress(string Host, int Port)
{
    /// <summary>
    /// Reads "host:port", "[::1]:port", "host", "[::1]" or a bare IPv6 literal "::1" (the last three take
    /// <paramref name="defaultPort"/>).
    /// </summary>
    public static bool TryParse(string text, int defaultPort, out ServerAddress address)
    {
        address = null!;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        string host;
        string? port = null;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                return false;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = text;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        var number = defaultPort;
        if (host.Length == 0 || (port is not null && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is > 0 and <= 65535)))
        {
            return false;
        }

        address = new ServerAddress(host, number);
        return true;
    }

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
