using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Kakunin.Connections;
using Kakunin.Imap.Backend;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kakunin.Imap.Server;

/// <summary>
/// The Kestrel entry point for one IMAP listener: takes a slot in the <see cref="ImapConnectionLimiter"/> at accept
/// (<see cref="AdmitAsync"/>, before any TLS), then runs an <see cref="ImapSession"/> over the connection. Only moves
/// bytes; a failing session is logged and closed, never the listener.
/// </summary>
public sealed class ImapConnectionHandler(
    ImapListenerKind listener,
    IImapBackend backend,
    IOptions<ImapServerOptions> options,
    ImapConnectionLimiter limiter,
    TimeProvider timeProvider,
    ILogger<ImapConnectionHandler> logger) : ConnectionHandler
{
    private static readonly object Admitted = new();

    /// <summary>Connection middleware before Kestrel's TLS (port 993), so handshakes count against the limits.</summary>
    public async Task AdmitAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(next);
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (!limiter.TryEnter(address, out var refusal))
        {
            Log.ConnectionRefused(logger, address?.ToString(), refusal!);
            if (listener == ImapListenerKind.StartTls)
            {
                // RFC 9051 §7.1.5: BYE as the greeting refuses the connection.
                await connection.Transport.Output.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"* BYE {refusal}\r\n"), connection.ConnectionClosed).ConfigureAwait(false);
            }

            return;
        }

        connection.Items[Admitted] = true;
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or ConnectionResetException or ConnectionAbortedException)
        {
            Log.ClientGone(logger, connection.ConnectionId, address?.ToString(), ex.Message);
        }
        finally
        {
            limiter.Exit(address);
        }
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address.ToString();
        var admitted = connection.Items.ContainsKey(Admitted);
        if (!admitted && !limiter.TryEnter(remote?.Address, out var refusal))
        {
            Log.ConnectionRefused(logger, address, refusal!);
            await connection.Transport.Output.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"* BYE {refusal}\r\n"), connection.ConnectionClosed).ConfigureAwait(false);
            return;
        }

        var settings = options.Value;
        var started = timeProvider.GetTimestamp();
        var isTls = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        using var session = new ImapSession(settings, backend, remote, isTls, settings.HasCertificate, connection.ConnectionId, logger);
        Log.SessionStarted(logger, session.SessionId, address, listener, isTls);
        SslStream? ssl = null;
        try
        {
            var loop = new ImapConnectionLoop(session, settings, timeProvider, settings.HasCertificate ? StartTlsAsync : null);
            await loop.RunAsync(connection.Transport, connection.ConnectionClosed).ConfigureAwait(false);
            var tls = ssl ?? connection.Features.Get<ISslStreamFeature>()?.SslStream;
            if (tls is not null)
            {
                // RFC 8446 §6.1: close_notify, so the client knows nothing was cut off.
                await tls.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10), timeProvider, connection.ConnectionClosed).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or TimeoutException or OperationCanceledException or ConnectionResetException or ConnectionAbortedException)
        {
            if (ex is AuthenticationException)
            {
                Log.TlsHandshakeFailed(logger, session.SessionId, address, ex.Message);
            }
            else
            {
                Log.ClientGone(logger, session.SessionId, address, ex.Message);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.ConnectionFailed(logger, session.SessionId, ex);
        }
        finally
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }

            if (!admitted)
            {
                limiter.Exit(remote?.Address);
            }

            Log.SessionEnded(logger, session.SessionId, address, timeProvider.GetElapsedTime(started).TotalSeconds);
        }

        // The server side of the handshake over the connection's own pipes, the certificate chosen by SNI (RFC 6066 §3).
        async Task<IDuplexPipe> StartTlsAsync(IDuplexPipe transport, CancellationToken cancellationToken)
        {
            ssl = new SslStream(new DuplexPipeStream(transport), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsServerAsync(
                (_, hello, _, _) => ValueTask.FromResult(settings.AuthenticationFor(hello.ServerName)), null, cancellationToken).ConfigureAwait(false);
            return new StreamDuplexPipe(ssl);
        }
    }
}
