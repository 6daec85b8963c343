using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using Kakunin.Connections;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kakunin.Smtp.Server;

/// <summary>
/// The Kestrel entry point for one SMTP listener: takes a slot in the <see cref="SmtpConnectionLimiter"/> at accept
/// (<see cref="AdmitAsync"/>, before any TLS), creates an <see cref="SmtpSession"/> and runs it. Only moves bytes; a
/// failing session is logged and closed, never the listener.
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
    /// <summary>
    /// Connection middleware that runs before Kestrel's TLS (port 465), so a stalled implicit-TLS handshake holds, and
    /// can lose, a slot like any other session. A refused client still gets its 421 from <see cref="OnConnectedAsync"/>.
    /// </summary>
    public async Task AdmitAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(next);
        var admission = Admit(connection);
        using var stressLimit = admission.Slot is { Stressed: true } ? new CancellationTokenSource(SmtpDeadlines.Bounded(options.Value.StressTimeout), timeProvider) : null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(admission.Slot?.Evicted ?? default, stressLimit?.Token ?? default);
        if (admission.Slot is { } slot && listener == ListenerKind.SubmissionTls)
        {
            // Kestrel's HandshakeTimeout is fixed at startup; under stress the handshake gets StressTimeout (Postfix
            // smtpd_starttls_timeout = ${stress?{10}:{300}}s), and an evicted one ends at once.
            slot.Wait(SmtpConnectionPhase.Handshake);
            admission.AbortOnEviction = abort.Token.Register(static c => ((ConnectionContext)c!).Abort(), connection);
        }

        connection.Items[typeof(SmtpAdmission)] = admission;
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or ConnectionResetException or ConnectionAbortedException)
        {
            // Kestrel's implicit TLS handshake failed or timed out before the session began (HandshakeTimeout).
            Log.ClientGone(logger, connection.ConnectionId, (connection.RemoteEndPoint as IPEndPoint)?.Address.ToString(), OneLine(ex));
        }
        finally
        {
            admission.AbortOnEviction.Dispose();
            if (admission.Slot is not null)
            {
                limiter.Exit(admission.Slot);
            }
        }
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address.ToString();
        var admitted = connection.Items.TryGetValue(typeof(SmtpAdmission), out var item) && item is SmtpAdmission;
        var admission = admitted ? (SmtpAdmission)item! : Admit(connection);
        admission.AbortOnEviction.Dispose(); // from here the loop answers an eviction with 421
        if (admission.Slot is not { } slot)
        {
            Log.ConnectionRefused(logger, address, admission.Refusal!.Lines[0]);
            await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(admission.Refusal.Format()), connection.ConnectionClosed).ConfigureAwait(false);
            return;
        }

        var started = timeProvider.GetTimestamp();
        var settings = options.Value;

        // Implicit TLS (RFC 8314): Kestrel's HTTPS connection middleware ran before us and set the handshake feature.
        var isTls = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        using var session = new SmtpSession(settings, backend, spool, listener, remote, isTls, connection.ConnectionId, timeProvider, logger);
        Log.SessionStarted(logger, session.SessionId, address, listener, isTls);
        SslStream? ssl = null;

        // The loop ends every wait at the session deadline with a 421; this stops anything else (a write to a client that
        // never reads, the backend) one minute later.
        using var hardStop = new CancellationTokenSource(SmtpDeadlines.Bounded(settings.SessionTimeout) + TimeSpan.FromMinutes(1), timeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, hardStop.Token);
        try
        {
            var loop = new SmtpConnectionLoop(session, settings, timeProvider, settings.HasCertificate ? StartTlsAsync : null, slot);
            await loop.RunAsync(connection.Transport, stop.Token).ConfigureAwait(false);

            // RFC 8446 §6.1 / RFC 5246 §7.2.1: end TLS with close_notify, so the peer knows nothing was cut off.
            var tls = ssl ?? connection.Features.Get<ISslStreamFeature>()?.SslStream;
            if (tls is not null)
            {
                await tls.ShutdownAsync().WaitAsync(settings.StressTimeout, timeProvider, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsClientFault(ex))
        {
            if (ex is AuthenticationException)
            {
                Log.TlsHandshakeFailed(logger, session.SessionId, address, OneLine(ex));
            }
            else
            {
                Log.ClientGone(logger, session.SessionId, address, OneLine(ex));
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
                limiter.Exit(slot);
            }

            Log.SessionEnded(logger, session.SessionId, address, timeProvider.GetElapsedTime(started).TotalSeconds);
        }

        // RFC 3207 §4: the server side of the handshake, with the configured certificate, over the connection's own pipes.
        async Task<IDuplexPipe> StartTlsAsync(IDuplexPipe transport, CancellationToken cancellationToken)
        {
            ssl = new SslStream(new DuplexPipeStream(transport), leaveInnerStreamOpen: false);
            // The options are chosen once the ClientHello is read, by its server name (SNI, RFC 6066 §3).
            await ssl.AuthenticateAsServerAsync(
                (_, hello, _, _) => ValueTask.FromResult(settings.AuthenticationFor(hello.ServerName)), null, cancellationToken).ConfigureAwait(false);
            return new StreamDuplexPipe(ssl);
        }
    }

    // What a client can cause: bad TLS, resets, a deadline, a close. One log line, no stack trace; anything else is ours.
    private static bool IsClientFault(Exception ex) =>
        ex is AuthenticationException or IOException or TimeoutException or OperationCanceledException or ConnectionResetException or ConnectionAbortedException;

    private static string OneLine(Exception ex) =>
        ex.InnerException is { } inner && ex is AuthenticationException or IOException ? $"{ex.Message} ({inner.Message})" : ex.Message;

    private SmtpAdmission Admit(ConnectionContext connection)
    {
        var slot = limiter.TryEnter((connection.RemoteEndPoint as IPEndPoint)?.Address, out var refusal);
        return new SmtpAdmission(slot, refusal);
    }

    /// <summary>A slot taken at accept, or the refusal to send once the client can read it.</summary>
    private sealed class SmtpAdmission(SmtpConnectionSlot? slot, Kakunin.Protocol.SmtpReply? refusal)
    {
        public SmtpConnectionSlot? Slot { get; } = slot;

        public Kakunin.Protocol.SmtpReply? Refusal { get; } = refusal;

        public CancellationTokenRegistration AbortOnEviction { get; set; }
    }
}
