using System.Globalization;
using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>DATA (RFC 5321 §4.1.1.4) and BDAT (RFC 3030) for <see cref="SmtpSession"/>.</summary>
public sealed partial class SmtpSession
{
    private SpoolStream? _message;
    private ChunkContentScanner? _scanner;
    private long _bdatLength;
    private bool _bdatTooBig;
    private bool _chunkLast;
    private bool _chunkDiscard;
    private SmtpDataDecoder? _decoder;

    /// <summary>Where the connection writes the current BDAT chunk (the spool file); <see cref="Stream.Null"/> when it is discarded.</summary>
    public Stream ChunkTarget => _chunkDiscard || _message is null ? Stream.Null : _message;

    /// <summary>The decoder for the DATA content the connection is about to read.</summary>
    public SmtpDataDecoder DataDecoder => _decoder ?? throw new InvalidOperationException("No DATA in progress.");

    private SmtpResponse Data(string arguments)
    {
        if (arguments.Length > 0)
        {
            return Reply(SmtpReplies.BadArguments("Syntax: DATA"));
        }

        if (_mailFrom is null)
        {
            return Reply(SmtpServerReplies.BadSequence("Need MAIL before DATA"));
        }

        // RFC 3030 §2: DATA and BDAT are not mixed in one transaction.
        if (_message is not null)
        {
            return Reply(SmtpServerReplies.BadSequence("DATA not allowed after BDAT"));
        }

        // RFC 5321 §3.3 / RFC 2920 §3.1: no accepted recipient, no DATA (554, or 503).
        if (_recipients.Count == 0)
        {
            return Reply(SmtpServerReplies.NoValidRecipients);
        }

        // The spool's limits (SmtpServerOptions): RFC 5321 §4.3.2 lets DATA be answered 451/452; the client may retry.
        _message = StartMessage(chunked: false, out var refusal);
        if (refusal is not null)
        {
            return Reply(refusal);
        }

        _decoder = new SmtpDataDecoder(_message!, _options.MaxMessageSize);
        return Reply(SmtpReplies.StartMailInput, SmtpStep.Data);
    }

    /// <summary>Called after the end of DATA was read: checks what the decoder saw, then hands the message to the backend.</summary>
    public async ValueTask<SmtpResponse> EndDataAsync(CancellationToken cancellationToken)
    {
        var status = DataDecoder.Status;
        _decoder = null;

        // Decisions (docs/smtp-server.md): size first (RFC 1870 §6.3 552), then bare CR/LF (smuggling), then NUL,
        // then a spool limit hit on the way (452 4.3.1, allowed after the end of data by RFC 5321 §4.3.2).
        // 8-bit octets without BODY=8BITMIME are accepted, as Postfix does.
        var refusal = status.TooBig ? SmtpReplies.MessageTooBig(_options.MaxMessageSize)
            : status.BareLineEnding ? SmtpServerReplies.BareLineEnding
            : status.Nul ? SmtpServerReplies.NulInMessage
            : _message!.Refusal;
        return Reply(await FinishMessageAsync(refusal, status.ContentLength, cancellationToken).ConfigureAwait(false));
    }

    private SmtpResponse Bdat(string arguments)
    {
        // RFC 3030 §2: bdat-cmd ::= "BDAT" SP chunk-size [ SP end-marker ]; end-marker ::= "LAST".
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || parts[0].Length > 18 || !parts[0].All(char.IsAsciiDigit)
            || (parts.Length == 2 && !parts[1].Equals("LAST", StringComparison.OrdinalIgnoreCase)))
        {
            // Without a size the chunk can't be skipped: the rest would be read as commands. Close.
            var reply = Shown(SmtpReplies.BadArguments("Syntax: BDAT size [LAST]"));
            return new SmtpResponse([reply, Shown(SmtpReplies.ShuttingDown)], SmtpStep.Close);
        }

        var size = long.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        _chunkLast = parts.Length == 2;
        _chunkDiscard = false;
        if (_mailFrom is null || _recipients.Count == 0 || _decoder is not null)
        {
            // RFC 3030 §2: the chunk is read and discarded even when the command is refused.
            _chunkDiscard = true;
            _pendingChunkReply = _mailFrom is null ? SmtpServerReplies.BadSequence("Need MAIL before BDAT") : SmtpServerReplies.NoValidRecipients;
            return new SmtpResponse([], SmtpStep.Chunk, size);
        }

        _pendingChunkReply = null;
        if (_message is null)
        {
            _message = StartMessage(chunked: true, out var refusal);
            if (refusal is not null)
            {
                // Refused by a spool limit (451/452): the chunk is still read and discarded (RFC 3030 §2).
                ResetTransaction();
                _chunkDiscard = true;
                _pendingChunkReply = refusal;
                return new SmtpResponse([], SmtpStep.Chunk, size);
            }
        }

        _bdatLength += size;
        if (_bdatLength > _options.MaxMessageSize)
        {
            // RFC 3030 §2 / RFC 1870: discard what is over the limit rather than buffer it.
            _bdatTooBig = true;
            _chunkDiscard = true;
        }

        return new SmtpResponse([], SmtpStep.Chunk, size);
    }

    private SmtpReply? _pendingChunkReply;

    /// <summary>Called after the connection read a whole BDAT chunk into <see cref="ChunkTarget"/>.</summary>
    public async ValueTask<SmtpResponse> EndChunkAsync(long size, CancellationToken cancellationToken)
    {
        if (_pendingChunkReply is { } refused)
        {
            _pendingChunkReply = null;
            return Reply(refused);
        }

        if (_bdatTooBig)
        {
            // The transaction has failed: reset it so later chunks get 503 (RFC 3030 §2).
            var length = _bdatLength;
            ResetTransaction();
            Log.MessageRejected(_logger, SessionId, 552, length);
            return Reply(SmtpReplies.MessageTooBig(_options.MaxMessageSize));
        }

        // Checked as the bytes streamed by, across chunk boundaries (a CR ending this chunk waits for the next).
        var scanner = _scanner!;
        if (_chunkLast)
        {
            scanner.Complete();
        }

        // RFC 3030 §2: without BINARYMIME the content is CRLF lines; a bare CR or LF is refused as DATA refuses it
        // (docs/smtp-server.md: refused, not normalised), at the end of the chunk that showed it; then NUL; then a
        // spool limit. Each fails the transaction, so later chunks get 503 (RFC 3030 §2); the session goes on.
        var refusal = scanner.BareLineEnding ? SmtpServerReplies.BareLineEnding
            : scanner.Nul ? SmtpServerReplies.NulInMessage
            : _message!.Refusal;
        if (refusal is not null)
        {
            LogFault(_message!);
            Log.MessageRejected(_logger, SessionId, refusal.Code, _bdatLength);
            ResetTransaction();
            return Reply(refusal);
        }

        if (!_chunkLast)
        {
            return Reply(new SmtpReply(250, EnhancedStatusCodes.Success, $"{size.ToString(CultureInfo.InvariantCulture)} octets received"));
        }

        // RFC 3030 §2: the message is complete after BDAT … LAST; one backend call, one final reply.
        return Reply(await FinishMessageAsync(null, _bdatLength, cancellationToken).ConfigureAwait(false));
    }

    // The spool file with the Received header at the top; for BDAT the scanner then looks at the client's bytes.
    private SpoolStream? StartMessage(bool chunked, out SmtpReply? refusal)
    {
        var file = _spool.TryOpen(_remote?.Address, out refusal);
        if (file is null)
        {
            return null;
        }

        var envelope = new SmtpEnvelope(_mailFrom!, [.. _recipients]);
        var header = ReceivedHeader.Format(Info, envelope, _options.HostName, _ehlo, _time.GetUtcNow());
        file.Write(Encoding.UTF8.GetBytes(header));
        _scanner = chunked ? new ChunkContentScanner() : null;
        file.Scanner = _scanner;
        return file;
    }

    private async ValueTask<SmtpReply> FinishMessageAsync(SmtpReply? refusal, long length, CancellationToken cancellationToken)
    {
        var message = _message!;
        var envelope = new SmtpEnvelope(_mailFrom!, [.. _recipients]);
        try
        {
            if (refusal is not null)
            {
                LogFault(message);
                Log.MessageRejected(_logger, SessionId, refusal.Code, length);
                return refusal;
            }

            SmtpReply reply;
            try
            {
                // The backend reads the spooled message into memory to store it: at most MaxMessageMemory bytes of
                // messages are held that way at once, over all sessions; the others wait here for their share.
                using var memory = await _spool.Memory.TakeAsync(message.Length, cancellationToken).ConfigureAwait(false);
                var content = await message.OpenContentAsync(cancellationToken).ConfigureAwait(false);
                reply = content is null
                    ? LogFault(message).Refusal!
                    : await _backend.AcceptMessageAsync(Info, envelope, content, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.BackendFailed(_logger, SessionId, ex);
                reply = SmtpReplies.LocalError;
            }

            if (reply.IsPositive)
            {
                Log.MessageAccepted(_logger, SessionId, _remote?.Address.ToString(), QueueId(reply), envelope.Recipients.Count, length);
            }
            else
            {
                Log.MessageRejected(_logger, SessionId, reply.Code, length);
            }

            return reply;
        }
        finally
        {
            ResetTransaction();
        }
    }

    // A spool file that could not be written (docs/storage.md: a full disk) is one warning line, without a stack trace.
    private SpoolStream LogFault(SpoolStream message)
    {
        if (message.Fault is { } fault)
        {
            Log.SpoolWriteFailed(_logger, SessionId, fault.Message);
        }

        return message;
    }

    // The queue id, when the backend's reply says "… queued as ID".
    private static string? QueueId(SmtpReply reply)
    {
        var text = reply.Lines[^1];
        var at = text.LastIndexOf("queued as ", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : text[(at + "queued as ".Length)..].Trim();
    }

    private void DropMessage()
    {
        _message?.Dispose();
        _message = null;
        _scanner = null;
        _decoder = null;
        _bdatLength = 0;
        _bdatTooBig = false;
        _chunkDiscard = false;
    }
}
