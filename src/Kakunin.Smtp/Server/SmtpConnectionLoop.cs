using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>
/// Moves bytes between a duplex pipe and an <see cref="SmtpSession"/>: cuts command lines (bounded before scanning),
/// feeds DATA and BDAT content, writes replies, and flushes them only when it must wait for input (RFC 2920 §3.2:
/// replies to a pipelined group go out together; a reply is never held while the server waits).
/// </summary>
public sealed class SmtpConnectionLoop
{
    private readonly SmtpSession _session;
    private readonly SmtpServerOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<IDuplexPipe, CancellationToken, Task<IDuplexPipe>>? _startTls;
    private readonly SmtpConnectionSlot _slot;
    private SmtpDeadlines _deadlines = null!;
    private PipeReader _reader = null!;
    private PipeWriter _writer = null!;
    private ReadTimeout _readTimeout = null!;
    private bool _mustWait;

    /// <param name="startTls">Wraps the transport in TLS (server side) and returns the encrypted pipe; null when TLS is impossible.</param>
    /// <param name="slot">The connection's entry in the <see cref="SmtpConnectionLimiter"/> (stress, eviction); null: none.</param>
    public SmtpConnectionLoop(SmtpSession session, SmtpServerOptions options, TimeProvider timeProvider, Func<IDuplexPipe, CancellationToken, Task<IDuplexPipe>>? startTls, SmtpConnectionSlot? slot = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slot = slot ?? SmtpConnectionSlot.Unregistered(timeProvider);
        _session = session;
        _options = options;
        _time = timeProvider;
        _startTls = startTls;
    }

    private enum LineKind
    {
        Line,
        TooLong,
        End,
        TimedOut,
    }

    /// <summary>Runs the session until QUIT, a close, a timeout or the end of input.</summary>
    public async Task RunAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _reader = transport.Input;
        _writer = transport.Output;
        _deadlines = new SmtpDeadlines(_options, _time, _slot);
        using var readTimeout = new ReadTimeout(_time, _slot.Evicted, cancellationToken);
        _readTimeout = readTimeout;
        Write(_session.Greeting);
        var step = SmtpStep.Command;
        while (step != SmtpStep.Close)
        {
            SmtpResponse? response = step switch
            {
                SmtpStep.Data => await ReadDataAsync(cancellationToken).ConfigureAwait(false),
                SmtpStep.Chunk => throw new InvalidOperationException("Chunk without size."),
                _ => await ReadLineAndExecuteAsync(step, cancellationToken).ConfigureAwait(false),
            };
            if (response is null)
            {
                break; // end of input
            }

            while (response.Next == SmtpStep.Chunk)
            {
                // A BDAT chunk follows its command directly (RFC 3030 §2); then the next command.
                var size = response.ChunkSize;
                if (!await ReadChunkAsync(size, cancellationToken).ConfigureAwait(false))
                {
                    response = Expired();
                    break;
                }

                response = await _session.EndChunkAsync(size, cancellationToken).ConfigureAwait(false);
            }

            if (response.Next == SmtpStep.StartTls && (_startTls is null || HasPipelinedInput()))
            {
                response = SmtpResponse.Reply(_startTls is null ? SmtpServerReplies.TlsNotAvailable : SmtpServerReplies.PipelinedAfterStartTls, _startTls is null ? SmtpStep.Command : SmtpStep.Close);
            }

            foreach (var reply in response.Replies)
            {
                Write(reply);
            }

            step = response.Next;
            if (step == SmtpStep.StartTls)
            {
                step = await StartTlsAsync(transport, cancellationToken).ConfigureAwait(false);
            }
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // RFC 3207 §5 / CVE-2011-0411: plaintext already buffered after STARTTLS must never run inside TLS.
    private bool HasPipelinedInput()
    {
        if (!_reader.TryRead(out var pending))
        {
            return false;
        }

        var leftover = !pending.Buffer.IsEmpty;
        _reader.AdvanceTo(pending.Buffer.Start);
        return leftover;
    }

    private async Task<SmtpStep> StartTlsAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);

        // Postfix smtpd_starttls_timeout, Kestrel HandshakeTimeout: the whole handshake within the limit.
        var limit = _deadlines.Handshake;
        using var timer = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token, _slot.Evicted);
        IDuplexPipe secure;
        _slot.Wait(SmtpConnectionPhase.Handshake);
        try
        {
            secure = await _startTls!(transport, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(_slot.Evicted.IsCancellationRequested
                ? "TLS handshake unfinished when the connection limit was reached"
                : $"TLS handshake unfinished after {limit.TotalSeconds:0.#} s");
        }

        _slot.Wait(SmtpConnectionPhase.Busy);
        _reader = secure.Input;
        _writer = secure.Output;
        _mustWait = false;
        _session.TlsEstablished();
        return SmtpStep.Command;
    }

    private async Task<SmtpResponse?> ReadLineAndExecuteAsync(SmtpStep step, CancellationToken cancellationToken)
    {
        var limit = _session.MaxLineLength;
        var (kind, content) = await ReadLineAsync(limit, cancellationToken).ConfigureAwait(false);
        switch (kind)
        {
            case LineKind.End:
                return null;
            case LineKind.TimedOut:
                return Expired();
            case LineKind.TooLong:
                return _session.BadLine(tooLong: true, step);
        }

        // RFC 5321 §2.3.8 wants CRLF; a bare LF ending a command line is tolerated (decision: docs/smtp-server.md).
        var length = content.Length + 1;
        var text = content.Length > 0 && content[^1] == (byte)'\r' ? content[..^1] : content;
        if (step == SmtpStep.AuthResponse)
        {
            // SASL responses are base64 (RFC 4954 §4): ASCII only, never logged.
            return Ascii.IsValid(text) && !text.AsSpan().ContainsAny((byte)'\r', (byte)0)
                ? await _session.ContinueAuthAsync(Encoding.ASCII.GetString(text), cancellationToken).ConfigureAwait(false)
                : _session.BadLine(tooLong: false, step);
        }

        return SmtpCommandLine.TryParse(new ReadOnlySequence<byte>(text), out var command)
            ? await _session.ExecuteAsync(command, length, cancellationToken).ConfigureAwait(false)
            : _session.BadLine(tooLong: false, step);
    }

    private async Task<(LineKind Kind, byte[] Content)> ReadLineAsync(int limit, CancellationToken cancellationToken)
    {
        var discarding = false;

        // Postfix smtpd_per_request_deadline: the whole line within the limit, however it is cut into reads.
        var deadline = _deadlines.CommandDeadline();
        while (true)
        {
            var result = await NextAsync(SmtpConnectionPhase.Command, deadline - _deadlines.Now, deadline, cancellationToken).ConfigureAwait(false);
            if (result is not { } read)
            {
                return (LineKind.TimedOut, []);
            }

            var buffer = read.Buffer;
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is { } end)
            {
                var line = buffer.Slice(0, end);
                var next = buffer.GetPosition(1, end);
                if (discarding || line.Length + 1 > limit)
                {
                    _reader.AdvanceTo(next);
                    return (LineKind.TooLong, []);
                }

                var bytes = line.ToArray();
                _reader.AdvanceTo(next);
                return (LineKind.Line, bytes);
            }

            // Limit the input before scanning further (Kestrel's TakeStartLine): over the limit, drop it and find the LF.
            if (buffer.Length >= limit)
            {
                discarding = true;
                _reader.AdvanceTo(buffer.End);
                continue;
            }

            if (read.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return (LineKind.End, []);
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            _mustWait = true;
        }
    }

    private async Task<SmtpResponse?> ReadDataAsync(CancellationToken cancellationToken)
    {
        var decoder = _session.DataDecoder;
        var started = _deadlines.Now;
        var received = 0L;
        while (true)
        {
            var result = await NextAsync(SmtpConnectionPhase.Content, _deadlines.ContentRead, _deadlines.ContentDeadline(started, received), cancellationToken).ConfigureAwait(false);
            if (result is not { } read)
            {
                return Expired();
            }

            var buffer = read.Buffer;
            var consumedTotal = 0L;
            var ended = false;
            foreach (var segment in buffer)
            {
                ended = decoder.Feed(segment.Span, out var consumed);
                consumedTotal += consumed;
                if (ended)
                {
                    break;
                }
            }

            _reader.AdvanceTo(buffer.GetPosition(consumedTotal));
            received += consumedTotal;
            if (ended)
            {
                return await _session.EndDataAsync(cancellationToken).ConfigureAwait(false);
            }

            if (read.IsCompleted)
            {
                return null;
            }

            _mustWait = true;
        }
    }

    private async Task<bool> ReadChunkAsync(long size, CancellationToken cancellationToken)
    {
        var target = _session.ChunkTarget;
        var remaining = size;
        var started = _deadlines.Now;
        while (remaining > 0)
        {
            var result = await NextAsync(SmtpConnectionPhase.Content, _deadlines.ContentRead, _deadlines.ContentDeadline(started, size - remaining), cancellationToken).ConfigureAwait(false);
            if (result is not { } read)
            {
                return false;
            }

            var take = read.Buffer.Slice(0, Math.Min(remaining, read.Buffer.Length));
            foreach (var segment in take)
            {
                await target.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            }

            remaining -= take.Length;
            _reader.AdvanceTo(take.End);
            if (remaining > 0 && read.IsCompleted)
            {
                return false;
            }

            _mustWait = remaining > 0;
        }

        return true;
    }

    // 421 4.4.2 for a deadline (RFC 5321 §4.5.3.2, §3.8); 421 4.7.0 when the slot went to a newcomer.
    private SmtpResponse Expired() => _slot.Evicted.IsCancellationRequested
        ? SmtpResponse.Reply(SmtpServerReplies.ClosingIdleSession, SmtpStep.Close)
        : _session.TimedOut();

    /// <summary>
    /// The next buffered input; when there is none (or more is needed), flushes the pending replies first and then
    /// waits until the first of <paramref name="wait"/>, <paramref name="deadline"/> and the session's end
    /// (RFC 5321 §4.5.3.2), or until the slot is evicted. Null then.
    /// </summary>
    private async Task<ReadResult?> NextAsync(SmtpConnectionPhase phase, TimeSpan wait, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (!_mustWait && _reader.TryRead(out var buffered))
        {
            if (!buffered.Buffer.IsEmpty || buffered.IsCompleted)
            {
                return buffered;
            }

            _reader.AdvanceTo(buffered.Buffer.Start);
        }

        _mustWait = false;
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        var timeout = _deadlines.Wait(wait, deadline);
        if (timeout <= TimeSpan.Zero || _slot.Evicted.IsCancellationRequested)
        {
            return null;
        }

        var token = _readTimeout.Arm(timeout);
        _slot.Wait(phase);
        try
        {
            return await _reader.ReadAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            _readTimeout.Disarm();
            _slot.Wait(SmtpConnectionPhase.Busy);
        }
    }

    private void Write(SmtpReply reply) => _writer.Write(Encoding.UTF8.GetBytes(reply.Format()));
}
