using System.Net;
using System.Net.Sockets;
using Kakunin.Smtp.Dns;

namespace Kakunin.Smtp.Client;

/// <summary>
/// Connects with TCP, trying each of the host's addresses in turn. Where the addresses come from:
/// <list type="bullet">
/// <item>without an <see cref="IHostAddressResolver"/>, the operating system's resolver
/// (<see cref="Socket.ConnectAsync(string, int, CancellationToken)"/>: /etc/hosts, then the system's DNS);</item>
/// <item>with one (the server's <c>--dns-servers</c>), its name servers only, so the servers that answered the MX
/// question also say where the MX host is. An IP literal is used as written and "localhost" is loopback (RFC 6761
/// §6.3: such names are not sent to DNS).</item>
/// </list>
/// </summary>
public sealed class TcpSmtpDialer(IHostAddressResolver? resolver = null) : ISmtpDialer
{
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (resolver is null)
            {
                await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(await AddressesOfAsync(resolver, host, cancellationToken).ConfigureAwait(false), port, cancellationToken).ConfigureAwait(false);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <exception cref="IOException">The host has no address, or DNS failed; the message says which.</exception>
    private static async Task<IPAddress[]> AddressesOfAsync(IHostAddressResolver resolver, string host, CancellationToken cancellationToken)
    {
        var name = host.TrimEnd('.');
        if (IPAddress.TryParse(name.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.IPv6Loopback, IPAddress.Loopback];
        }

        var found = await resolver.ResolveAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        if (found.Failure is { } failure)
        {
            var error = failure.IsPermanent ? SocketError.HostNotFound : SocketError.TryAgain;
            throw new IOException(failure.Detail, new SocketException((int)error));
        }

        return [.. found.Addresses];
    }
}
