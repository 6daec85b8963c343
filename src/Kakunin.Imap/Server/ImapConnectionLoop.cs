using System.IO.Pipelines;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Server;

/// <summary>
/// Moves bytes between a duplex pipe and an <see cref="ImapSession"/>: reads whole commands with their literals
/// (<see cref="ImapCommandReader"/>), AUTHENTICATE lines, IDLE's DONE, runs the TLS handshake after STARTTLS, and
/// flushes responses before every wait for input. One command at a time, so memory stays bounded however many
/// commands a client pipelines.
/// </summary>
public sealed class ImapConnectionLoop
{
    private readonly ImapSession _session;
    private readonly ImapServerOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<IDuplexPipe, CancellationToken, Task<IDuplexPipe>>? _startTls;
    private ImapCommandReader _reader = null!;
    private PipeWriter _writer = null!;
    private volatile PipeReader? _idleReader;

    /// <param name="startTls">Wraps the transport in TLS (server side); null when TLS is impossible.</param>
    public ImapConnectionLoop(ImapSession session, ImapServerOptions options, TimeProvider timeProvider, Func<IDuplexPipe, CancellationToken, Task<IDuplexPipe>>? startTls)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _options = options;
        _time = timeProvider;
        _startTls = startTls;

        // The backend's watch may fire on any thread: during IDLE it ends the pending read so the loop looks for changes.
        session.Wake = () => _idleReader?.CancelPendingRead();
    }

    /// <summary>Runs the session until LOGOUT, BYE, a timeout or the end of input.</summary>
    public async Task RunAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _writer = transport.Output;
        _reader = new ImapCommandReader(transport.Input, _writer, _options, _time);
        _session.WriteGreeting(_writer);
        var step = ImapStep.Command;
        while (step != ImapStep.Close)
        {
            step = step switch
            {
                ImapStep.AuthResponse => await AuthResponseAsync(cancellationToken).ConfigureAwait(false),
                ImapStep.Idle => await IdleAsync(cancellationToken).ConfigureAwait(false),
                ImapStep.StartTls => await StartTlsAsync(transport, cancellationToken).ConfigureAwait(false),
                _ => await CommandAsync(cancellationToken).ConfigureAwait(false),
            };

            if (_writer.CanGetUnflushedBytes && _writer.UnflushedBytes > _options.OutputFlushThreshold)
            {
                await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ImapStep> CommandAsync(CancellationToken cancellationToken)
    {
        var read = await _reader.ReadCommandAsync(_session, cancellationToken).ConfigureAwait(false);
        switch (read.Kind)
        {
            case ImapReadKind.Command:
                return await _session.ExecuteAsync(new ImapCommandBuffer(read.Bytes), _writer, cancellationToken).ConfigureAwait(false);
            case ImapReadKind.LiteralRefused:
                return read.Step;
            case ImapReadKind.TooLong:
                ImapSession.WriteLineTooLong(_writer);
                return ImapStep.Close;
            case ImapReadKind.TimedOut:
                ImapSession.WriteTimedOut(_writer);
                return ImapStep.Close;
            default:
                return ImapStep.Close; // end of input
        }
    }

    private async Task<ImapStep> AuthResponseAsync(CancellationToken cancellationToken)
    {
        var read = await _reader.ReadLineAsync(_session.InactivityTimeout, wakeable: false, cancellationToken).ConfigureAwait(false);
        return read.Kind switch
        {
            ImapReadKind.Command => await _session.ContinueAuthAsync(read.Bytes, _writer, cancellationToken).ConfigureAwait(false),
            ImapReadKind.TooLong => Close(ImapSession.WriteLineTooLong),
            ImapReadKind.TimedOut => Close(ImapSession.WriteTimedOut),
            _ => ImapStep.Close,
        };
    }

    /// <summary>
    /// RFC 2177: until DONE, pushes changes the backend signals, says "* OK Still here" every
    /// <see cref="ImapServerOptions.IdleKeepalive"/>, and ends with BYE at the autologout timer (RFC 9051 §5.4).
    /// </summary>
    private async Task<ImapStep> IdleAsync(CancellationToken cancellationToken)
    {
        var end = _time.GetUtcNow() + _session.InactivityTimeout;
        _idleReader = _reader.Input;
        try
        {
            while (true)
            {
                if (_session.HasPendingChanges)
                {
                    if (await _session.IdleUpdatesAsync(_writer, cancellationToken).ConfigureAwait(false) == ImapStep.Close)
                    {
                        return ImapStep.Close;
                    }
                }

                var left = end - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return Close(ImapSession.WriteTimedOut);
                }

                var wait = left < _options.IdleKeepalive ? left : _options.IdleKeepalive;
                var read = await _reader.ReadLineAsync(wait, wakeable: true, cancellationToken).ConfigureAwait(false);
                switch (read.Kind)
                {
                    case ImapReadKind.Woken:
                        continue;
                    case ImapReadKind.TimedOut:
                        if (_time.GetUtcNow() < end)
                        {
                            ImapSession.Line(_writer, "* OK Still here");
                        }

                        continue;
                    case ImapReadKind.Command:
                        _idleReader = null;
                        return await _session.EndIdleAsync(read.Bytes, _writer, cancellationToken).ConfigureAwait(false);
                    case ImapReadKind.TooLong:
                        return Close(ImapSession.WriteLineTooLong);
                    default:
                        return ImapStep.Close;
                }
            }
        }
        finally
        {
            _idleReader = null;
        }
    }

    private async Task<ImapStep> StartTlsAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        // RFC 9051 §6.2.1 / CVE-2011-0411 (STARTTLS command injection): plaintext sent after STARTTLS must not run inside TLS.
        if (_reader.HasBufferedInput())
        {
            ImapSession.Line(_writer, "* BYE Data after STARTTLS, closing");
            return ImapStep.Close;
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        using var timer = new CancellationTokenSource(_options.TlsHandshakeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        IDuplexPipe secure;
        try
        {
            secure = await _startTls!(transport, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"TLS handshake unfinished after {_options.TlsHandshakeTimeout.TotalSeconds:0.#} s");
        }

        _writer = secure.Output;
        _reader = new ImapCommandReader(secure.Input, _writer, _options, _time);
        _session.TlsEstablished();
        return ImapStep.Command;
    }

    private ImapStep Close(Action<PipeWriter> bye)
    {
        bye(_writer);
        return ImapStep.Close;
    }
}
