using System.Buffers;
using System.IO.Pipelines;

namespace Kakunin.Imap.Server;

/// <summary>What a read produced.</summary>
public enum ImapReadKind
{
    /// <summary>A whole command (or line).</summary>
    Command,

    /// <summary>The client closed its side.</summary>
    End,

    /// <summary>Nothing came in time.</summary>
    TimedOut,

    /// <summary>A line over the limit: the stream cannot be resynchronised.</summary>
    TooLong,

    /// <summary>A literal over its limit was refused before it was read; <see cref="ImapRead.Step"/> says what follows.</summary>
    LiteralRefused,

    /// <summary>IDLE only: the backend signalled a change.</summary>
    Woken,
}

/// <summary>The result of a read.</summary>
public readonly record struct ImapRead(ImapReadKind Kind, ReadOnlyMemory<byte> Bytes, ImapStep Step = ImapStep.Command);

/// <summary>
/// Reads IMAP commands from a pipe (RFC 9051 §2.2, §4.3): a line; when it ends with a literal marker — <c>{n}</c>
/// (synchronizing: the server sends a continuation request first), <c>{n+}</c> (RFC 7888 LITERAL+) or <c>~{n}</c>
/// (RFC 3516 literal8) — the n octets and the next line, until a line ends without one. Each line is bounded
/// before it is scanned; each literal is checked against the session's limit before a byte of it is read.
/// </summary>
public sealed class ImapCommandReader(PipeReader input, PipeWriter output, ImapServerOptions options, TimeProvider time)
{
    private bool _mustWait;

    public PipeReader Input => input;

    /// <summary>Whether unread bytes are already buffered (pipelined input).</summary>
    public bool HasBufferedInput()
    {
        if (!input.TryRead(out var pending))
        {
            return false;
        }

        var any = !pending.Buffer.IsEmpty;
        input.AdvanceTo(pending.Buffer.Start);
        return any;
    }

    /// <summary>Reads one whole command, literals included, within the session's inactivity timeout.</summary>
    public async Task<ImapRead> ReadCommandAsync(ImapSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var command = new ArrayBufferWriter<byte>(256);
        byte[]? firstLine = null;
        var end = time.GetUtcNow() + session.InactivityTimeout;
        while (true)
        {
            var line = await ReadLineAsync(end - time.GetUtcNow(), wakeable: false, cancellationToken).ConfigureAwait(false);
            if (line.Kind != ImapReadKind.Command)
            {
                return line;
            }

            var bytes = line.Bytes.Span;
            firstLine ??= bytes.ToArray();
            command.Write(bytes);
            if (!TryLiteral(bytes, out var size, out var nonSynchronizing))
            {
                return new ImapRead(ImapReadKind.Command, command.WrittenMemory);
            }

            // RFC 7888 §4, RFC 7889 §4: refuse a literal over its limit before reading it.
            var limit = session.LiteralLimit(firstLine, command.WrittenCount);
            if (size > limit)
            {
                return new ImapRead(ImapReadKind.LiteralRefused, default, session.RefuseLiteral(output, firstLine, nonSynchronizing));
            }

            command.Write("\r\n"u8);
            if (!nonSynchronizing)
            {
                ImapSession.Line(output, "+ Ready for literal data"); // RFC 9051 §7.5 continuation request
            }

            if (!await ReadLiteralAsync(command, (int)size, session.InactivityTimeout, cancellationToken).ConfigureAwait(false))
            {
                return new ImapRead(ImapReadKind.TimedOut, default);
            }
        }
    }

    /// <summary>
    /// Reads one line (without its CRLF; a bare LF is accepted, as Dovecot does), at most
    /// <see cref="ImapServerOptions.MaxLineLength"/>, waiting at most <paramref name="wait"/>. With
    /// <paramref name="wakeable"/>, a cancelled pending read (IDLE's wake-up) returns <see cref="ImapReadKind.Woken"/>.
    /// </summary>
    public async Task<ImapRead> ReadLineAsync(TimeSpan wait, bool wakeable, CancellationToken cancellationToken)
    {
        var limit = options.MaxLineLength;
        var end = time.GetUtcNow() + wait;
        while (true)
        {
            var (kind, result) = await NextAsync(end - time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (kind == ImapReadKind.Woken)
            {
                if (wakeable)
                {
                    return new ImapRead(ImapReadKind.Woken, default);
                }

                continue;
            }

            if (kind != ImapReadKind.Command)
            {
                return new ImapRead(kind, default);
            }

            var buffer = result.Buffer;
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is { } at)
            {
                var line = buffer.Slice(0, at);
                if (line.Length + 1 > limit)
                {
                    input.AdvanceTo(buffer.GetPosition(1, at));
                    return new ImapRead(ImapReadKind.TooLong, default);
                }

                var bytes = line.ToArray();
                input.AdvanceTo(buffer.GetPosition(1, at));
                var length = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                return new ImapRead(ImapReadKind.Command, bytes.AsMemory(0, length));
            }

            // Bounded before scanning further (Kestrel's TakeStartLine): over the limit without LF, stop.
            if (buffer.Length >= limit)
            {
                input.AdvanceTo(buffer.End);
                return new ImapRead(ImapReadKind.TooLong, default);
            }

            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return new ImapRead(ImapReadKind.End, default);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            _mustWait = true;
        }
    }

    // RFC 9051 §9 literal / RFC 7888 literal+ / RFC 3516 literal8 at the end of a line.
    private static bool TryLiteral(ReadOnlySpan<byte> line, out long size, out bool nonSynchronizing)
    {
        size = 0;
        nonSynchronizing = false;
        if (line.Length < 3 || line[^1] != '}')
        {
            return false;
        }

        var i = line.Length - 2;
        if (line[i] == '+')
        {
            nonSynchronizing = true;
            i--;
        }

        var digitsEnd = i + 1;
        while (i >= 0 && line[i] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        if (i < 0 || line[i] != '{' || i + 1 == digitsEnd || digitsEnd - (i + 1) > 18)
        {
            return false;
        }

        foreach (var b in line[(i + 1)..digitsEnd])
        {
            size = (size * 10) + (b - '0');
        }

        return true;
    }

    private async Task<bool> ReadLiteralAsync(ArrayBufferWriter<byte> command, int size, TimeSpan perRead, CancellationToken cancellationToken)
    {
        var remaining = size;
        while (remaining > 0)
        {
            var (kind, result) = await NextAsync(perRead, cancellationToken).ConfigureAwait(false);
            if (kind == ImapReadKind.Woken)
            {
                continue;
            }

            if (kind != ImapReadKind.Command)
            {
                return false;
            }

            var take = result.Buffer.Slice(0, Math.Min(remaining, result.Buffer.Length));
            foreach (var segment in take)
            {
                command.Write(segment.Span);
            }

            remaining -= (int)take.Length;
            input.AdvanceTo(take.End);
            if (remaining > 0 && result.IsCompleted)
            {
                return false;
            }

            _mustWait = remaining > 0;
        }

        return true;
    }

    // Buffered input first; else flush the responses and wait (at most `wait`). Command: data (or completion) to look at.
    private async Task<(ImapReadKind Kind, ReadResult Result)> NextAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_mustWait && input.TryRead(out var buffered))
        {
            if (buffered.IsCanceled)
            {
                input.AdvanceTo(buffered.Buffer.Start);
                return (ImapReadKind.Woken, default);
            }

            if (!buffered.Buffer.IsEmpty || buffered.IsCompleted)
            {
                return (ImapReadKind.Command, buffered);
            }

            input.AdvanceTo(buffered.Buffer.Start);
        }

        _mustWait = false;
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (wait <= TimeSpan.Zero)
        {
            return (ImapReadKind.TimedOut, default);
        }

        using var timer = new CancellationTokenSource(wait > TimeSpan.FromDays(49) ? TimeSpan.FromDays(49) : wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var result = await input.ReadAsync(linked.Token).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                input.AdvanceTo(result.Buffer.Start);
                return (ImapReadKind.Woken, default);
            }

            return (ImapReadKind.Command, result);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ImapReadKind.TimedOut, default);
        }
    }
}
