using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kakunin.Connections.ProxyProtocol;

/// <summary>
/// Kestrel connection middleware for SMTP and IMAP listeners behind a TCP balancer: a connection from one of the
/// balancers' addresses must begin with a PROXY protocol header (v1 or v2), whose client address then becomes the
/// connection's <see cref="BaseConnectionContext.RemoteEndPoint"/> for everything after it (the per-address connection
/// limit, the sign-in throttle, SPF, the Received line, the logs). Connections from any other address are passed on
/// untouched: their first bytes are the protocol's own, so a client cannot claim another address by sending a header.
/// The specification forbids guessing whether a header is present (proxy-protocol.txt §1): from a balancer's address
/// one is required, and a connection without one is closed.
/// </summary>
public static partial class ProxyProtocolMiddleware
{
    /// <summary>How long a balancer has to send the header after connecting (it sends it at once).</summary>
    public static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads PROXY headers on connections from <paramref name="balancers"/> (none: the listener is left as it is).</summary>
    public static ListenOptions UseProxyProtocol(this ListenOptions listenOptions, IReadOnlyList<IPNetwork> balancers)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        ArgumentNullException.ThrowIfNull(balancers);
        if (balancers.Count == 0)
        {
            return listenOptions;
        }

        var logger = listenOptions.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxyProtocolMiddleware));
        listenOptions.Use(next => connection => ReadHeaderAsync(connection, next, balancers, logger));
        return listenOptions;
    }

    private static async Task ReadHeaderAsync(ConnectionContext connection, ConnectionDelegate next, IReadOnlyList<IPNetwork> balancers, ILogger logger)
    {
        if (connection.RemoteEndPoint is not IPEndPoint peer || !NetworkList.Contains(balancers, peer.Address))
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        var header = await ReadAsync(connection, peer, logger).ConfigureAwait(false);
        if (header is null)
        {
            return; // closed: nothing is written back, the bytes were not this protocol's
        }

        if (header.Source is { } source)
        {
            connection.RemoteEndPoint = source;
            connection.LocalEndPoint = header.Destination;
        }

        await next(connection).ConfigureAwait(false);
    }

    private static async Task<ProxyHeader?> ReadAsync(ConnectionContext connection, IPEndPoint peer, ILogger logger)
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(HeaderTimeout);
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                switch (ProxyHeaderParser.TryParse(buffer, out var header, out var error))
                {
                    case ProxyParse.Done:
                        input.AdvanceTo(buffer.GetPosition(header!.Length));
                        return header;
                    case ProxyParse.Invalid:
                        input.AdvanceTo(buffer.Start, buffer.End);
                        LogRefused(logger, peer.Address, error!);
                        return null;
                    default:
                        input.AdvanceTo(buffer.Start, buffer.End);
                        if (read.IsCompleted)
                        {
                            if (buffer.IsEmpty)
                            {
                                LogProbe(logger, peer.Address); // a plain TCP health check: connect, close
                            }
                            else
                            {
                                LogRefused(logger, peer.Address, "the balancer closed the connection before its PROXY header was whole");
                            }

                            return null;
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            LogRefused(logger, peer.Address, $"no PROXY header within {HeaderTimeout.TotalSeconds:0} s");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Balancer {Address} connected and closed without a byte (a TCP health check)")]
    private static partial void LogProbe(ILogger logger, IPAddress address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection from balancer {Address} closed: {Reason} (Kakunin:ProxyProtocolFrom)")]
    private static partial void LogRefused(ILogger logger, IPAddress address, string reason);
}
