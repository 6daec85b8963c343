using System.Net;
using System.Net.Sockets;

namespace Kakunin.Webhooks.Targets;

/// <summary>
/// The connect step of the dispatcher's <see cref="SocketsHttpHandler"/>: it resolves the host itself, drops the
/// addresses <see cref="TargetAddressPolicy"/> refuses (unless private targets are allowed) and connects only to an
/// address it checked, so a name that resolves to a public address when checked and to 127.0.0.1 when connecting
/// (DNS rebinding) cannot get through: there is only one resolution. Proxies are off for the same reason.
/// </summary>
public static class GuardedConnector
{
    /// <summary>A handler for webhook requests: no proxy, no redirects (a 3xx is an answer), no cookies, the guard on connect.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateTargets, TimeSpan connectTimeout) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5), // DNS changes are seen again after a while
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateTargets, cancellationToken),
    };

    /// <summary>Connects to the first allowed address of <paramref name="endPoint"/>; throws <see cref="RefusedTargetException"/> when none is.</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateTargets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = allowPrivateTargets ? addresses : [.. addresses.Where(a => !TargetAddressPolicy.IsRefused(a))];
        if (allowed.Length == 0)
        {
            throw new RefusedTargetException(
                addresses.Length == 0 ? $"{endPoint.Host} has no address" : $"{endPoint.Host} is a private, loopback or reserved address ({addresses[0]}); an administrator can allow such targets");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
