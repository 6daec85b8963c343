using System.Globalization;
using System.Net;
using Kakunin.Protocol;
using Microsoft.Extensions.Logging;

namespace Kakunin.Smtp.Server;

/// <summary>
/// The SMTP state machine of one connection (RFC 5321 §4.1.4 command order), without I/O: it turns command lines,
/// AUTH responses and message content into replies and tells the connection what to read next.
/// </summary>
public sealed partial class SmtpSession : IDisposable
{
    /// <summary>AUTH lines may reach 12288 octets (RFC 4954 §4).</summary>
    public const int MaxAuthLineLength = 12288;

    private readonly SmtpServerOptions _options;
    private readonly ISmtpBackend _backend;
    private readonly MessageSpool _spool;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IPEndPoint? _remote;
    private readonly List<RcptToCommand> _recipients = [];
    private string? _helo;
    private bool _ehlo;
    private int _errors;
    private MailFromCommand? _mailFrom;

    /// <param name="spool">Where message content is written as it arrives, with its limits (one per process).</param>
    public SmtpSession(SmtpServerOptions options, ISmtpBackend backend, MessageSpool spool, ListenerKind listener, IPEndPoint? remote, bool isTls, string sessionId, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(spool);
        _options = options;
        _backend = backend;
        _spool = spool;
        Listener = listener;
        _remote = remote;
        IsTls = isTls;
        SessionId = sessionId;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public string SessionId { get; }

    public ListenerKind Listener { get; }

    public bool IsTls { get; private set; }

    /// <summary>The user from a successful AUTH, else null.</summary>
    public string? AuthenticatedUser { get; private set; }

    /// <summary>What the backend sees of this session.</summary>
    public SmtpSessionInfo Info => new(SessionId, Listener, _remote, _helo, IsTls, AuthenticatedUser);

    /// <summary>The 220 greeting (RFC 5321 §4.2, §3.1); no enhanced code (RFC 2034 §4).</summary>
    public SmtpReply Greeting => SmtpReplies.ServiceReady(_options.HostName);

    private bool StartTlsOffered => _options.HasCertificate && !IsTls;

    private bool AuthOffered => (IsTls || _options.AllowInsecureAuth) && AuthenticatedUser is null;

    // RFC 1869 §4: without EHLO there are no service extensions, so no MAIL/RCPT parameters.
    private EsmtpOptions Esmtp => _ehlo
        ? new EsmtpOptions(MaxMessageSize: _options.MaxMessageSize, Auth: IsTls || _options.AllowInsecureAuth)
        : new EsmtpOptions(0, Size: false, EightBitMime: false, BinaryMime: false, SmtpUtf8: false, Dsn: false, Auth: false);

    /// <summary>The longest line the connection may buffer for the next read.</summary>
    public int MaxLineLength => Math.Max(_options.MaxCommandLineLength, MaxAuthLineLength);

    /// <summary>Handles one command line.</summary>
    public async ValueTask<SmtpResponse> ExecuteAsync(SmtpCommandLine command, int lineLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (lineLength > _options.MaxCommandLineLength && command.Verb != "AUTH")
        {
            return Reply(SmtpServerReplies.LineTooLong);
        }

        return command.Verb switch
        {
            "EHLO" => Hello(command.Arguments, extended: true),
            "HELO" => Hello(command.Arguments, extended: false),
            "MAIL" => await MailAsync(command.Arguments, cancellationToken).ConfigureAwait(false),
            "RCPT" => await RcptAsync(command.Arguments, cancellationToken).ConfigureAwait(false),
            "DATA" => Data(command.Arguments),
            "BDAT" => Bdat(command.Arguments),
            "RSET" => Rset(command.Arguments),
            "NOOP" => Reply(SmtpReplies.Ok), // RFC 5321 §4.1.1.9: parameters are ignored.
            "QUIT" => Quit(),
            "VRFY" => command.Arguments.Length == 0 ? Reply(SmtpReplies.BadArguments("Syntax: VRFY address")) : Reply(SmtpServerReplies.CannotVerify),
            "EXPN" => Reply(SmtpServerReplies.ExpnDisabled),
            "HELP" => Reply(SmtpServerReplies.Help),
            "STARTTLS" => StartTls(command.Arguments),
            "AUTH" => await AuthAsync(command.Arguments, cancellationToken).ConfigureAwait(false),
            _ => Reply(SmtpReplies.SyntaxError), // RFC 5321 §4.2.4: 500 for an unrecognized command.
        };
    }

    /// <summary>The reply to a line that was too long or was not text; <paramref name="step"/> is what was being read.</summary>
    public SmtpResponse BadLine(bool tooLong, SmtpStep step)
    {
        if (step == SmtpStep.AuthResponse)
        {
            ResetAuth();
            return Reply(tooLong ? SmtpReplies.AuthLineTooLong : SmtpServerReplies.AuthBadBase64);
        }

        return Reply(tooLong ? SmtpServerReplies.LineTooLong : SmtpServerReplies.BadCommandBytes);
    }

    /// <summary>Ends the session: a transaction still open loses its spool file (deleted, its bytes given back).</summary>
    public void Dispose() => ResetTransaction();

    /// <summary>421 4.4.2 after the idle timeout (RFC 5321 §4.5.3.2).</summary>
    public SmtpResponse TimedOut() => Reply(SmtpReplies.Timeout, SmtpStep.Close);

    /// <summary>RFC 3207 §4.2: after the handshake the server discards all knowledge obtained from the client.</summary>
    public void TlsEstablished()
    {
        IsTls = true;
        _helo = null;
        _ehlo = false;
        AuthenticatedUser = null;
        ResetAuth();
        ResetTransaction();
    }

    private SmtpResponse Hello(string arguments, bool extended)
    {
        // RFC 5321 §4.1.1.1: EHLO/HELO need the client's domain or address literal.
        var name = arguments.Trim();
        if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
        {
            return Reply(SmtpReplies.BadArguments(extended ? "Syntax: EHLO domain" : "Syntax: HELO domain"));
        }

        // RFC 5321 §4.1.4: EHLO/HELO mid-session resets the transaction, like RSET.
        ResetTransaction();
        _helo = name;
        _ehlo = extended;
        if (!extended)
        {
            return Reply(new SmtpReply(250, null, _options.HostName));
        }

        // RFC 2034 §4: no enhanced code on the EHLO reply itself.
        List<string> lines =
        [
            $"{_options.HostName} Hello {name}",
            "PIPELINING",                                   // RFC 2920
            $"SIZE {_options.MaxMessageSize.ToString(CultureInfo.InvariantCulture)}", // RFC 1870
            "8BITMIME",                                     // RFC 6152
            "SMTPUTF8",                                     // RFC 6531
            "ENHANCEDSTATUSCODES",                          // RFC 2034
            "DSN",                                          // RFC 3461
            "CHUNKING",                                     // RFC 3030
        ];
        if (StartTlsOffered)
        {
            lines.Add("STARTTLS"); // RFC 3207
        }

        if (AuthOffered)
        {
            lines.Add("AUTH PLAIN LOGIN"); // RFC 4954
        }

        return SmtpResponse.Reply(new SmtpReply(250, null, lines));
    }

    private async ValueTask<SmtpResponse> MailAsync(string arguments, CancellationToken cancellationToken)
    {
        // RFC 5321 §4.1.4: a transaction starts after EHLO/HELO, and MAIL is not nested.
        if (_helo is null)
        {
            return Reply(SmtpServerReplies.BadSequence("Send EHLO or HELO first"));
        }

        if (_mailFrom is not null)
        {
            return Reply(SmtpServerReplies.BadSequence("Nested MAIL command"));
        }

        // RFC 6409 §4.3 / RFC 4954 §6: submission requires authentication before a transaction.
        if (Listener != ListenerKind.Inbound && AuthenticatedUser is null)
        {
            return Reply(SmtpReplies.AuthenticationRequired);
        }

        var parsed = EsmtpCommandParser.ParseMailFrom(arguments, Esmtp);
        if (!parsed.IsSuccess)
        {
            return Reply(parsed.Error);
        }

        var refusal = await Guard(() => _backend.CheckSenderAsync(Info, parsed.Value, cancellationToken)).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Reply(refusal);
        }

        _mailFrom = parsed.Value;
        return Reply(SmtpReplies.SenderOk);
    }

    private async ValueTask<SmtpResponse> RcptAsync(string arguments, CancellationToken cancellationToken)
    {
        if (_mailFrom is null)
        {
            return Reply(SmtpServerReplies.BadSequence("Need MAIL before RCPT"));
        }

        if (_message is not null)
        {
            return Reply(SmtpServerReplies.BadSequence("RCPT not allowed after BDAT"));
        }

        var parsed = EsmtpCommandParser.ParseRcptTo(arguments, Esmtp, _mailFrom.SmtpUtf8);
        if (!parsed.IsSuccess)
        {
            return Reply(parsed.Error);
        }

        // RFC 5321 §3.3: a server may drop duplicate recipients (Postfix duplicate_filter_limit). A forward-path equal
        // (ForwardPath equality: RFC 5321 §2.4) to one accepted already is answered 250 but kept once, with the first
        // RCPT's NOTIFY/ORCPT, so it neither multiplies the delivery nor counts again toward MaxRecipients.
        if (_recipients.Exists(r => r.ForwardPath.Equals(parsed.Value.ForwardPath)))
        {
            return Reply(SmtpServerReplies.DuplicateRecipient);
        }

        // RFC 5321 §4.5.3.1.10: 452 for recipients over the limit; the client sends them in a later transaction.
        if (_recipients.Count >= _options.MaxRecipients)
        {
            return Reply(SmtpReplies.TooManyRecipients);
        }

        var mailFrom = _mailFrom;
        var refusal = await Guard(() => _backend.CheckRecipientAsync(Info, mailFrom, parsed.Value, cancellationToken)).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Reply(refusal);
        }

        _recipients.Add(parsed.Value);
        return Reply(SmtpReplies.RecipientOk);
    }

    private SmtpResponse Rset(string arguments)
    {
        // RFC 5321 §4.1.1.5: RSET takes no parameters.
        if (arguments.Length > 0)
        {
            return Reply(SmtpReplies.BadArguments("Syntax: RSET"));
        }

        ResetTransaction();
        ResetAuth();
        return Reply(SmtpReplies.Ok);
    }

    private SmtpResponse Quit() => Reply(SmtpReplies.Closing(_options.HostName), SmtpStep.Close);

    private SmtpResponse StartTls(string arguments)
    {
        if (!_options.HasCertificate)
        {
            return Reply(SmtpReplies.NotImplemented);
        }

        if (IsTls)
        {
            return Reply(SmtpServerReplies.BadSequence("TLS already active"));
        }

        // RFC 3207 §4: "501 Syntax error (no parameters allowed)".
        if (arguments.Length > 0)
        {
            return Reply(SmtpReplies.BadArguments("Syntax: STARTTLS"));
        }

        return Reply(SmtpServerReplies.ReadyForTls, SmtpStep.StartTls);
    }

    private void ResetTransaction()
    {
        _mailFrom = null;
        _recipients.Clear();
        DropMessage();
    }

    /// <summary>Sends one reply: strips the enhanced code in HELO sessions (RFC 2034 §4) and counts errors.</summary>
    private SmtpResponse Reply(SmtpReply reply, SmtpStep next = SmtpStep.Command)
    {
        var shown = Shown(reply);
        if (reply.Code >= 400 && next != SmtpStep.Close)
        {
            _errors++;
            if (_errors >= _options.MaxErrors)
            {
                Log.TooManyErrors(_logger, SessionId, _errors);
                return new SmtpResponse([shown, Shown(SmtpServerReplies.TooManyErrors)], SmtpStep.Close);
            }
        }

        return SmtpResponse.Reply(shown, next);
    }

    private SmtpReply Shown(SmtpReply reply) =>
        _ehlo || reply.EnhancedCode is null ? reply : new SmtpReply(reply.Code, null, reply.Lines);

    // A backend failure is a local error for this command only (RFC 5321 §4.2.3 451), never the end of the listener.
    private async ValueTask<SmtpReply?> Guard(Func<ValueTask<SmtpReply?>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BackendFailed(_logger, SessionId, ex);
            return SmtpReplies.LocalError;
        }
    }
}
