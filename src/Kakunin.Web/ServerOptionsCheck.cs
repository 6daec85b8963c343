using System.Globalization;
using System.Net;

namespace Kakunin.Web;

/// <summary>
/// Checks the options that are parsed later (addresses, networks, ports) before anything starts, so that a mistake
/// stops <c>kakunin serve</c> with one sentence naming the option, its configuration key and what is wrong with the
/// value, instead of a FormatException's stack trace from deep inside the host (issue 15).
/// </summary>
public static class ServerOptionsCheck
{
    /// <summary>Throws <see cref="ServerStartException"/> for the first option whose value cannot be used.</summary>
    public static void Validate(KakuninOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Address("--listen", nameof(KakuninOptions.ListenAddress), options.ListenAddress);
        if (!string.IsNullOrWhiteSpace(options.Web.ListenAddress))
        {
            Address("--web-listen", "Web:ListenAddress", options.Web.ListenAddress);
        }

        Networks("--trusted-networks", nameof(KakuninOptions.TrustedNetworks), options.TrustedNetworks);
        Networks("--metrics-networks", nameof(KakuninOptions.MetricsNetworks), options.MetricsNetworks);
        try
        {
            _ = options.Web.TrustedProxyNetworks();
            _ = options.ProxyProtocolNetworks();
        }
        catch (FormatException e)
        {
            throw new ServerStartException(e.Message, e);
        }

        foreach (var server in List(options.DnsServers))
        {
            if (!IPEndPoint.TryParse(server, out _))
            {
                throw Bad("--dns-servers", nameof(KakuninOptions.DnsServers), server, "is not a name server's IP address with an optional port (e.g. 192.0.2.53, 127.0.0.1:5353 or [::1]:53)");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.SmartHost) && options.SmartHost.LastIndexOf(':') is var colon and > 0
            && !IsPort(options.SmartHost[(colon + 1)..]))
        {
            throw Bad("--smarthost", nameof(KakuninOptions.SmartHost), options.SmartHost, "does not end in a port number from 1 to 65535 (host:port, e.g. relay.example.net:587)");
        }

        foreach (var (flag, key, port) in new[]
        {
            ("--smtp-port", nameof(KakuninOptions.SmtpPort), options.SmtpPort),
            ("--submission-port", nameof(KakuninOptions.SubmissionPort), options.SubmissionPort),
            ("--submission-tls-port", nameof(KakuninOptions.SubmissionTlsPort), options.SubmissionTlsPort),
            ("--imap-port", nameof(KakuninOptions.ImapPort), options.ImapPort),
            ("--imaps-port", nameof(KakuninOptions.ImapsPort), options.ImapsPort),
            ("--http-port", nameof(KakuninOptions.HttpPort), options.HttpPort),
            ("--https-port", nameof(KakuninOptions.HttpsPort), options.HttpsPort ?? 0),
            ("--remote-smtp-port", nameof(KakuninOptions.RemoteSmtpPort), options.RemoteSmtpPort),
        })
        {
            if (port is < 0 or > IPEndPoint.MaxPort)
            {
                throw Bad(flag, key, port.ToString(CultureInfo.InvariantCulture), "is not a port number (0 to 65535)");
            }
        }
    }

    private static void Address(string flag, string key, string value)
    {
        // IPAddress.TryParse takes "1.2.3" as 1.2.0.3 (inet_aton's old forms); an administrator means four parts.
        if (!IPAddress.TryParse(value, out var address)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && value.Count(c => c == '.') != 3))
        {
            throw Bad(flag, key, value, "is not an IP address (e.g. 127.0.0.1, 0.0.0.0 for every IPv4 address, or ::)");
        }
    }

    // The same rule KakuninServer parses them with: comma-separated CIDR blocks (IPNetwork.Parse).
    private static void Networks(string flag, string key, string? value)
    {
        foreach (var item in List(value))
        {
            if (!IPNetwork.TryParse(item, out _))
            {
                throw Bad(flag, key, item, "is not a CIDR block such as 10.0.0.0/8, 192.0.2.7/32 or 2001:db8::/32");
            }
        }
    }

    private static string[] List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsPort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= IPEndPoint.MaxPort;

    private static ServerStartException Bad(string flag, string key, string value, string why) =>
        new($"{flag} ({KakuninOptions.Section}:{key}): \"{value}\" {why}");
}
