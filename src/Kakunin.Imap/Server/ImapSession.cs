using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Protocol;
using Microsoft.Extensions.Logging;

namespace Kakunin.Imap.Server;

/// <summary>
/// The IMAP4rev2/rev1 state machine of one connection (RFC 9051 §3), without socket I/O: it takes whole commands
/// (literals included) and writes responses to a <see cref="PipeWriter"/>, and tells the connection what to read next.
/// Talks to the mail store only through <see cref="IImapBackend"/>.
/// </summary>
public sealed partial class ImapSession : IDisposable
{
    private readonly ImapServerOptions _options;
    private readonly IImapBackend _backend;
    private readonly ILogger _logger;
    private readonly IPEndPoint? _remote;
    private readonly bool _tlsPossible;
    private int _errors;
    private IDisposable? _watch;
    private SelectedMailbox? _selected;
    private string _status = "OK";
    private string? _tagged;

    public ImapSession(ImapServerOptions options, IImapBackend backend, IPEndPoint? remote, bool isTls, bool tlsPossible, string sessionId, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        _options = options;
        _backend = backend;
        _remote = remote;
        IsTls = isTls;
        _tlsPossible = tlsPossible;
        SessionId = sessionId;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public string SessionId { get; }

    public bool IsTls { get; private set; }

    public ImapState State { get; private set; }

    /// <summary>The signed-in user, null before login.</summary>
    public ImapUser? User { get; private set; }

    /// <summary>Called (on a pool thread) when the backend signals a change the client should hear about; the connection wakes IDLE with it.</summary>
    public Action? Wake { get; set; }

    /// <summary>How long the client may stay silent in the current state (RFC 9051 §5.4 autologout).</summary>
    public TimeSpan InactivityTimeout => State == ImapState.NotAuthenticated ? _options.LoginTimeout : _options.IdleTimeout;

    /// <summary>Whether a change arrived for the selected folder that the client has not heard about.</summary>
    public bool HasPendingChanges => _selected is { Dirty: true };

    private ImapClientInfo ClientInfo => new(SessionId, _remote, IsTls);

    private bool CanLogin => IsTls || _options.AllowInsecureAuth;

    // RFC 6855 §3 / RFC 9051: UTF-8 in quoted strings and mailbox names.
    private bool Utf8 => _utf8Accept || _rev2;

    /// <summary>The greeting: OK with the capabilities (RFC 9051 §7.1.1 CAPABILITY response code), as Dovecot does.</summary>
    public void WriteGreeting(PipeWriter output) => Line(output, $"* OK [CAPABILITY {Capabilities()}] Kakunin IMAP ready");

    /// <summary>The BYE for an expired inactivity timer (RFC 9051 §5.4).</summary>
    public static void WriteTimedOut(PipeWriter output) => Line(output, "* BYE Disconnected for inactivity");

    /// <summary>The BYE for a line longer than <see cref="ImapServerOptions.MaxLineLength"/>; the stream cannot be resynchronised.</summary>
    public static void WriteLineTooLong(PipeWriter output) => Line(output, "* BYE Command line too long, closing");

    /// <summary>
    /// The largest literal the command begun by <paramref name="firstLine"/> may carry: the backend's APPENDLIMIT for
    /// APPEND after login, else what is left of the command size limit (<paramref name="commandSoFar"/> used).
    /// </summary>
    public long LiteralLimit(ReadOnlySpan<byte> firstLine, long commandSoFar)
    {
        if (State is ImapState.Authenticated or ImapState.Selected && IsAppend(firstLine))
        {
            return _backend.AppendLimit;
        }

        var limit = State == ImapState.NotAuthenticated ? _options.MaxCommandSizeBeforeLogin : _options.MaxCommandSize;
        return Math.Max(0, limit - commandSoFar);
    }

    /// <summary>
    /// Answers a literal over <see cref="LiteralLimit"/>, before any of it was read: NO [TOOBIG] for APPEND (RFC 7889
    /// §4, RFC 4469 §5), else BAD; the continuation request of a synchronizing literal is never sent, so the client
    /// does not send it and the next line is a new command. A non-synchronizing literal is already on its way: then
    /// BYE and close (RFC 7888 §4), as Dovecot does.
    /// </summary>
    public ImapStep RefuseLiteral(PipeWriter output, ReadOnlySpan<byte> firstLine, bool nonSynchronizing)
    {
        var tag = TagOf(firstLine) ?? "*";
        Count("BAD");
        FlushTagged(output);
        Line(output, IsAppend(firstLine) && State is ImapState.Authenticated or ImapState.Selected
            ? $"{tag} NO [TOOBIG] Message larger than APPENDLIMIT={_backend.AppendLimit}"
            : $"{tag} BAD Literal too large");
        if (nonSynchronizing)
        {
            Line(output, "* BYE Literal too large for this connection, closing");
            return ImapStep.Close;
        }

        return TooManyErrors(output) ? ImapStep.Close : ImapStep.Command;
    }

    /// <summary>Runs one command.</summary>
    public async ValueTask<ImapStep> ExecuteAsync(ImapCommandBuffer command, PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var started = Stopwatch.GetTimestamp();
        var parser = new ImapParser(command.Bytes, Utf8);
        string tag;
        try
        {
            tag = Tag(parser);
        }
        catch (ImapParseException)
        {
            _tagged = "* BAD Invalid tag";
            return Error(output);
        }

        string verb = "?";
        ImapStep step;
        try
        {
            parser.Space();
            verb = parser.Atom().ToUpperInvariant();
            var uid = false;
            if (verb == "UID")
            {
                parser.Space();
                verb = parser.Atom().ToUpperInvariant();
                uid = true;
            }

            step = await DispatchAsync(tag, verb, uid, parser, output, cancellationToken).ConfigureAwait(false);

            // RFC 9051 §7.5.1: pending changes go out before the tagged response; no EXPUNGE during FETCH, STORE,
            // SEARCH (or COPY) by sequence numbers, since the client may be counting on its numbers.
            if (step == ImapStep.Command && _status != "BAD" && State == ImapState.Selected)
            {
                step = await UpdatesAsync(output, allowExpunge: uid || verb is not ("FETCH" or "STORE" or "SEARCH" or "COPY"), cancellationToken).ConfigureAwait(false);
            }

            if (uid)
            {
                verb = "UID " + verb;
            }
        }
        catch (ImapParseException ex)
        {
            _tagged = $"{tag} BAD {ex.Message}";
            step = Error(output);
        }
        catch (ImapRefusedException ex)
        {
            // A refusal the user should read (disk full, damaged store): this command fails, the session goes on.
            _tagged = $"{tag} NO [{ex.ResponseCode}] {ex.Message}";
            _status = "NO";
            step = ImapStep.Command;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // RFC 5530 SERVERBUG, as Dovecot answers an internal error: the details go to the log, never to the client.
            Log.CommandFailed(_logger, SessionId, tag, verb, ex);
            _tagged = $"{tag} NO [SERVERBUG] Internal error, the server's log has the details";
            _status = "NO";
            step = ImapStep.Command;
        }

        FlushTagged(output);

        Log.Command(_logger, SessionId, tag, verb, _status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return step;
    }

    /// <summary>One line answering an AUTHENTICATE challenge. Never logged.</summary>
    public async ValueTask<ImapStep> ContinueAuthAsync(ReadOnlyMemory<byte> line, PipeWriter output, CancellationToken cancellationToken)
    {
        var step = await AuthResponseAsync(line, output, cancellationToken).ConfigureAwait(false);
        FlushTagged(output);
        return step;
    }

    private async ValueTask<ImapStep> DispatchAsync(string tag, string verb, bool uid, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        if (uid && verb is not ("FETCH" or "STORE" or "SEARCH" or "COPY" or "MOVE" or "EXPUNGE"))
        {
            return Bad(w, tag, "Unknown UID command");
        }

        // Valid in every state (RFC 9051 §6.1).
        switch (verb)
        {
            case "CAPABILITY": p.End(); Line(w, "* CAPABILITY " + Capabilities()); return Ok(w, tag, "Capability completed");
            case "NOOP": p.End(); return await NoopAsync(tag, w, ct).ConfigureAwait(false);
            case "LOGOUT":
                p.End();
                Line(w, "* BYE Logging out");
                Ok(w, tag, "Logout completed");
                State = ImapState.Logout;
                return ImapStep.Close;
            case "ID": return Id(tag, p, w);
        }

        if (State == ImapState.NotAuthenticated)
        {
            return verb switch
            {
                "STARTTLS" => StartTls(tag, p, w),
                "LOGIN" => await LoginAsync(tag, p, w, ct).ConfigureAwait(false),
                "AUTHENTICATE" => await AuthenticateAsync(tag, p, w, ct).ConfigureAwait(false),
                "ENABLE" or "SELECT" or "EXAMINE" or "CREATE" or "DELETE" or "RENAME" or "SUBSCRIBE" or "UNSUBSCRIBE" or "LIST" or "LSUB" or "NAMESPACE"
                    or "STATUS" or "APPEND" or "IDLE" or "CHECK" or "CLOSE" or "UNSELECT" or "EXPUNGE" or "SEARCH" or "FETCH" or "STORE" or "COPY" or "MOVE"
                    => Bad(w, tag, "Log in first"),
                _ => Bad(w, tag, "Unknown command"),
            };
        }

        var step = verb switch
        {
            "STARTTLS" => Bad(w, tag, IsTls ? "TLS is already active" : "STARTTLS is only valid before login"),
            "LOGIN" or "AUTHENTICATE" => Bad(w, tag, "Already logged in"),
            "ENABLE" => Enable(tag, p, w),
            "SELECT" or "EXAMINE" => await SelectAsync(tag, p, w, readOnly: verb == "EXAMINE", ct).ConfigureAwait(false),
            "CREATE" => await CreateAsync(tag, p, w, ct).ConfigureAwait(false),
            "DELETE" => await DeleteAsync(tag, p, w, ct).ConfigureAwait(false),
            "RENAME" => await RenameAsync(tag, p, w, ct).ConfigureAwait(false),
            "SUBSCRIBE" or "UNSUBSCRIBE" => await SubscribeAsync(tag, p, w, verb == "SUBSCRIBE", ct).ConfigureAwait(false),
            "LIST" => await ListAsync(tag, p, w, lsub: false, ct).ConfigureAwait(false),
            "LSUB" => await ListAsync(tag, p, w, lsub: true, ct).ConfigureAwait(false),
            "NAMESPACE" => Namespace(tag, p, w),
            "STATUS" => await StatusAsync(tag, p, w, ct).ConfigureAwait(false),
            "APPEND" => await AppendAsync(tag, p, w, ct).ConfigureAwait(false),
            "IDLE" => await IdleAsync(tag, p, w, ct).ConfigureAwait(false),
            _ when _selected is null => verb is "CHECK" or "CLOSE" or "UNSELECT" or "EXPUNGE" or "SEARCH" or "FETCH" or "STORE" or "COPY" or "MOVE"
                ? Bad(w, tag, "No mailbox selected")
                : Bad(w, tag, "Unknown command"),
            "CHECK" => CheckCommand(tag, p, w),
            "CLOSE" => await CloseAsync(tag, p, w, expunge: true, ct).ConfigureAwait(false),
            "UNSELECT" => await CloseAsync(tag, p, w, expunge: false, ct).ConfigureAwait(false),
            "EXPUNGE" => await ExpungeAsync(tag, p, w, uid, ct).ConfigureAwait(false),
            "SEARCH" => await SearchAsync(tag, p, w, uid, ct).ConfigureAwait(false),
            "FETCH" => await FetchAsync(tag, p, w, uid, ct).ConfigureAwait(false),
            "STORE" => await StoreAsync(tag, p, w, uid, ct).ConfigureAwait(false),
            "COPY" or "MOVE" => await CopyAsync(tag, p, w, uid, move: verb == "MOVE", ct).ConfigureAwait(false),
            _ => Bad(w, tag, "Unknown command"),
        };
        return step;
    }

    /// <summary>RFC 9051 §6.2.1: after the handshake the client asks for CAPABILITY again; nothing from before counts.</summary>
    public void TlsEstablished() => IsTls = true;

    public void Dispose()
    {
        _watch?.Dispose();
        _watch = null;
    }

    private ImapStep StartTls(string tag, ImapParser p, PipeWriter w)
    {
        p.End();
        if (IsTls || !_tlsPossible)
        {
            return Bad(w, tag, IsTls ? "TLS is already active" : "TLS is not available");
        }

        Ok(w, tag, "Begin TLS negotiation now");
        return ImapStep.StartTls;
    }

    private async ValueTask<ImapStep> NoopAsync(string tag, PipeWriter w, CancellationToken ct)
    {
        // RFC 9051 §6.1.2: NOOP is how a client polls; always look, even without a signal from the backend.
        if (_selected is not null)
        {
            _selected.Dirty = true;
        }

        var step = await UpdatesAsync(w, allowExpunge: true, ct).ConfigureAwait(false);
        return step == ImapStep.Close ? step : Ok(w, tag, "NOOP completed");
    }

    private ImapStep CheckCommand(string tag, ImapParser p, PipeWriter w)
    {
        p.End();
        return Ok(w, tag, "Check completed"); // RFC 9051 removed CHECK; rev1 clients get an OK (every change is already durable)
    }

    // RFC 2971: the client's ID is read (at most 30 pairs) and ignored; the server names itself.
    private ImapStep Id(string tag, ImapParser p, PipeWriter w)
    {
        p.Space();
        if (!p.TryWord("NIL"))
        {
            p.Expect('(');
            var pairs = 0;
            while (!p.TryTake(')'))
            {
                if (pairs++ > 0)
                {
                    p.Space();
                }

                if (pairs > 30)
                {
                    throw new ImapParseException("Too many ID fields");
                }

                p.NString();
                p.Space();
                p.NString();
            }
        }

        p.End();
        Line(w, "* ID (\"name\" \"Kakunin\")");
        return Ok(w, tag, "ID completed");
    }

    private ImapStep Namespace(string tag, ImapParser p, PipeWriter w)
    {
        p.End();
        Line(w, "* NAMESPACE ((\"\" \"/\")) NIL NIL"); // RFC 2342: one personal namespace, "/" delimiter, nothing shared
        return Ok(w, tag, "Namespace completed");
    }

    // RFC 9051 §9: tag = 1*<any ASTRING-CHAR except "+">.
    private static string Tag(ImapParser p)
    {
        if (p.Peek() == '+')
        {
            throw new ImapParseException("Invalid tag");
        }

        var tag = p.Atom(allowBracket: true);
        return tag.Contains('+', StringComparison.Ordinal) ? throw new ImapParseException("Invalid tag") : tag;
    }

    private static string? TagOf(ReadOnlySpan<byte> line)
    {
        var space = line.IndexOf((byte)' ');
        if (space <= 0)
        {
            return null;
        }

        var tag = Encoding.ASCII.GetString(line[..space]);
        return tag.All(c => c is > ' ' and < (char)0x7F and not ('(' or ')' or '{' or '%' or '*' or '"' or '\\' or '+')) ? tag : null;
    }

    private static bool IsAppend(ReadOnlySpan<byte> firstLine)
    {
        var space = firstLine.IndexOf((byte)' ');
        if (space < 0)
        {
            return false;
        }

        var rest = firstLine[(space + 1)..];
        return rest.Length > 7 && Ascii.EqualsIgnoreCase(rest[..7], "APPEND "u8);
    }

    // The tagged response is held until the untagged updates that must precede it are written (FlushTagged).
    private ImapStep Ok(PipeWriter w, string tag, string text)
    {
        _status = "OK";
        _tagged = $"{tag} OK {text}";
        return ImapStep.Command;
    }

    private ImapStep No(PipeWriter w, string tag, string text)
    {
        _status = "NO";
        _tagged = $"{tag} NO {text}";
        return ImapStep.Command;
    }

    private ImapStep Bad(PipeWriter w, string tag, string text)
    {
        _tagged = $"{tag} BAD {text}";
        return Error(w);
    }

    private void FlushTagged(PipeWriter w)
    {
        if (_tagged is { } line)
        {
            _tagged = null;
            Line(w, line);
        }
    }

    private ImapStep Error(PipeWriter w)
    {
        FlushTagged(w);
        Count("BAD");
        return TooManyErrors(w) ? ImapStep.Close : ImapStep.Command;
    }

    private void Count(string status)
    {
        _status = status;
        _errors++;
    }

    // Dovecot CLIENT_MAX_BAD_COMMANDS, Postfix smtpd_hard_error_limit: a client that keeps sending garbage is closed.
    private bool TooManyErrors(PipeWriter w)
    {
        if (_errors < _options.MaxErrors)
        {
            return false;
        }

        Log.TooManyErrors(_logger, SessionId, _errors);
        Line(w, "* BYE Too many invalid commands");
        return true;
    }

    /// <summary>Writes one response line (UTF-8) and CRLF.</summary>
    internal static void Line(IBufferWriter<byte> w, string text)
    {
        var span = w.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
        var n = Encoding.UTF8.GetBytes(text, span);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        w.Advance(n);
    }

    internal static void Text(IBufferWriter<byte> w, string text)
    {
        var span = w.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        w.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private async ValueTask MaybeFlushAsync(PipeWriter w, CancellationToken ct)
    {
        if (w.CanGetUnflushedBytes && w.UnflushedBytes > _options.OutputFlushThreshold)
        {
            await w.FlushAsync(ct).ConfigureAwait(false);
        }
    }
}
