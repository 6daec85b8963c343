using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kakunin.Smtp.Server;

/// <summary>
/// The Kestrel entry point for one SMTP listener: applies the connection limits, creates an <see cref="SmtpSession"/>
/// and runs it. Only moves bytes; a failing session is logged and closed, never the listener.
/// </summary>
public sealed class SmtpConnectionHandler(
    ListenerKind listener,
    ISmtpBackend backend,
    IOptions<SmtpServerOptions> options,
    SmtpConnectionLimiter limiter,
    MessageSpool spool,
    TimeProvider timeProvider,
    ILogger<SmtpConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address.ToString();
        var refusal = limiter.TryEnter(remote?.Address);
        if (refusal is not null)
        {
            Log.ConnectionRefused(logger, address, refusal.Lines[0]);
            await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(refusal.Format()), connection.ConnectionClosed).ConfigureAwait(false);
            return;
        }

        var started = timeProvider.GetTimestamp();
        var settings = options.Value;

        // Implicit TLS (RFC 8314): Kestrel's HTTPS connection middleware ran before us and set the handshake feature.
        var isTls = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        using var session = new SmtpSession(settings, backend, spool, listener, remote, isTls, connection.ConnectionId, timeProvider, logger);
        Log.SessionStarted(logger, session.SessionId, address, listener, isTls);
        SslStream? ssl = null;
        try
        {
            var loop = new SmtpConnectionLoop(session, settings, timeProvider, settings.Certificate is null ? null : StartTlsAsync);
            await loop.RunAsync(connection.Transport, connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or ConnectionAbortedException)
        {
            // The client went away; nothing to answer.
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

            limiter.Exit(remote?.Address);
            Log.SessionEnded(logger, session.SessionId, address, timeProvider.GetElapsedTime(started).TotalSeconds);
        }

        // RFC 3207 §4: the server side of the handshake, with the configured certificate, over the connection's own pipes.
        async Task<IDuplexPipe> StartTlsAsync(IDuplexPipe transport, CancellationToken cancellationToken)
        {
            ssl = new SslStream(new DuplexPipeStream(transport), leaveInnerStreamOpen: false);
            var authentication = new SslServerAuthenticationOptions { ServerCertificate = settings.Certificate };
            await ssl.AuthenticateAsServerAsync(authentication, cancellationToken).ConfigureAwait(false);
            return new StreamDuplexPipe(ssl);
        }
    }
}
