using System.Globalization;

namespace Kakunin.Protocol;

/// <summary>
/// Parses the arguments of MAIL and RCPT (the text after the verb, e.g.
/// <c>FROM:&lt;a@example.com&gt; SIZE=1000 BODY=8BITMIME</c>) into typed commands, or gives the
/// exact reply to send for each kind of bad input. Keywords are case-insensitive (RFC 5321 §2.4).
/// </summary>
/// <remarks>
/// Spaces between "FROM:"/"TO:" and the path are tolerated although RFC 5321 §3.3 has none;
/// many clients send them. Parameters are separated by one or more spaces.
/// </remarks>
public static class EsmtpCommandParser
{
    /// <summary>The maximum ENVID length (RFC 3461 §4.4), applied to the xtext as sent.</summary>
    public const int MaxEnvelopeIdLength = 100;

    /// <summary>Parses <c>FROM:&lt;reverse-path&gt; [SP mail-parameters]</c> (RFC 5321 §4.1.1.2).</summary>
    public static SmtpCommandResult<MailFromCommand> ParseMailFrom(string arguments, EsmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        if (!TryReadPath(arguments, "FROM:", allowNull: true, allowPostmaster: false, out var mailbox, out _, out var rest, out var pathError))
        {
            return SmtpCommandResult<MailFromCommand>.Fail(pathError is null ? SmtpReplies.BadSyntax("Syntax: MAIL FROM:<address>") : AddressReply(pathError.Value, sender: true));
        }

        if (!TryReadParameters(rest, out var parameters, out var paramError))
        {
            return SmtpCommandResult<MailFromCommand>.Fail(paramError);
        }

        long? size = null;
        BodyType? body = null;
        DsnReturn? ret = null;
        string? envid = null;
        var smtpUtf8 = false;
        AuthParameter? auth = null;
        foreach (var (keyword, value) in parameters)
        {
            SmtpReply? error = keyword switch
            {
                "SIZE" => ParseSize(value, options, out size),
                "BODY" => ParseBody(value, options, out body),
                "RET" => ParseRet(value, options, out ret),
                "ENVID" => ParseEnvid(value, options, out envid),
                "SMTPUTF8" => ParseSmtpUtf8(value, options, out smtpUtf8),
                "AUTH" => ParseAuth(value, options, out auth),
                _ => NotRecognized(keyword),
            };
            if (error is not null)
            {
                return SmtpCommandResult<MailFromCommand>.Fail(error);
            }
        }

        // RFC 6531 §3.7.4.1: a non-ASCII reverse-path needs the SMTPUTF8 parameter.
        if (mailbox is { RequiresSmtpUtf8: true } && !smtpUtf8)
        {
            return SmtpCommandResult<MailFromCommand>.Fail(SmtpReplies.NonAsciiAddressNotPermitted);
        }

        return SmtpCommandResult<MailFromCommand>.Ok(new MailFromCommand(new ReversePath(mailbox), size, body, ret, envid, smtpUtf8, auth));
    }

    /// <summary>
    /// Parses <c>TO:&lt;forward-path&gt; [SP rcpt-parameters]</c> (RFC 5321 §4.1.1.3).
    /// <paramref name="smtpUtf8Transaction"/> is true when the transaction's MAIL FROM carried SMTPUTF8.
    /// </summary>
    public static SmtpCommandResult<RcptToCommand> ParseRcptTo(string arguments, EsmtpOptions options, bool smtpUtf8Transaction)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        if (!TryReadPath(arguments, "TO:", allowNull: false, allowPostmaster: true, out var mailbox, out var isPostmaster, out var rest, out var pathError))
        {
            return SmtpCommandResult<RcptToCommand>.Fail(pathError is null ? SmtpReplies.BadSyntax("Syntax: RCPT TO:<address>") : AddressReply(pathError.Value, sender: false));
        }

        if (!TryReadParameters(rest, out var parameters, out var paramError))
        {
            return SmtpCommandResult<RcptToCommand>.Fail(paramError);
        }

        DsnNotify? notify = null;
        TypedAddress? orcpt = null;
        string? orcptRaw = null;
        foreach (var (keyword, value) in parameters)
        {
            SmtpReply? error = keyword switch
            {
                "NOTIFY" => ParseNotify(value, options, out notify),
                "ORCPT" => ParseOrcpt(value, options, smtpUtf8Transaction, out orcpt, out orcptRaw),
                _ => NotRecognized(keyword),
            };
            if (error is not null)
            {
                return SmtpCommandResult<RcptToCommand>.Fail(error);
            }
        }

        // RFC 6531 §3.7.4.1: a non-ASCII forward-path needs a transaction started with SMTPUTF8.
        if (mailbox is { RequiresSmtpUtf8: true } && !smtpUtf8Transaction)
        {
            return SmtpCommandResult<RcptToCommand>.Fail(SmtpReplies.NonAsciiAddressNotPermitted);
        }

        var path = isPostmaster ? ForwardPath.LocalPostmaster : ForwardPath.FromParsed(mailbox);
        return SmtpCommandResult<RcptToCommand>.Ok(new RcptToCommand(path, notify, orcpt, orcptRaw));
    }

    private static bool TryReadPath(string arguments, string prefix, bool allowNull, bool allowPostmaster, out Mailbox? mailbox, out bool isPostmaster, out string rest, out AddressError? error)
    {
        mailbox = null;
        isPostmaster = false;
        rest = string.Empty;
        error = null;
        if (!arguments.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var start = prefix.Length;
        while (start < arguments.Length && arguments[start] == ' ')
        {
            start++;
        }

        // Parse with UTF-8 allowed; whether SMTPUTF8 is in effect is checked once the parameters are known.
        if (!PathSyntax.TryRead(arguments, start, MailboxParseOptions.Utf8, allowNull, allowPostmaster, out mailbox, out isPostmaster, out var end, out var addressError))
        {
            error = addressError;
            return false;
        }

        if (end < arguments.Length && arguments[end] != ' ')
        {
            error = AddressError.InvalidPath;
            return false;
        }

        rest = arguments[end..];
        return true;
    }

    private static bool TryReadParameters(string rest, out List<(string Keyword, string? Value)> parameters, out SmtpReply error)
    {
        parameters = [];
        error = SmtpReplies.BadArguments();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var keyword = eq < 0 ? token : token[..eq];
            var value = eq < 0 ? null : token[(eq + 1)..];

            // RFC 5321 §4.1.2: esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
            if (keyword.Length == 0 || keyword[0] == '-' || !keyword.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                error = SmtpReplies.BadArguments($"Malformed parameter keyword '{Printable(keyword)}'");
                return false;
            }

            // esmtp-value = 1*(%d33-60 / %d62-126), plus UTF8-non-ascii (RFC 6531 §3.3)
            if (value is not null && (value.Length == 0 || !value.All(c => c is (>= '!' and <= '~') and not '=' || c > '\u007F')))
            {
                error = SmtpReplies.BadArguments($"Malformed value for parameter {Printable(keyword)}");
                return false;
            }

            var upper = keyword.ToUpperInvariant();
            if (!seen.Add(upper))
            {
                error = SmtpReplies.BadArguments($"Duplicate parameter {upper}");
                return false;
            }

            parameters.Add((upper, value));
        }

        return true;
    }

    private static SmtpReply? ParseSize(string? value, EsmtpOptions options, out long? size)
    {
        size = null;
        if (!options.Size)
        {
            return NotAdvertised("SIZE");
        }

        // RFC 1870 §3: size-value ::= 1*20DIGIT
        if (value is null || value.Length > 20 || !value.All(char.IsAsciiDigit))
        {
            return SmtpReplies.BadArguments("SIZE needs a number of octets");
        }

        size = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;

        // RFC 1870 §6.1: a declared size over the fixed maximum gets 552.
        return options.MaxMessageSize > 0 && size > options.MaxMessageSize ? SmtpReplies.MessageTooBig(options.MaxMessageSize) : null;
    }

    private static SmtpReply? ParseBody(string? value, EsmtpOptions options, out BodyType? body)
    {
        body = null;
        if (!options.EightBitMime && !options.BinaryMime)
        {
            return NotAdvertised("BODY");
        }

        body = value?.ToUpperInvariant() switch
        {
            "7BIT" => BodyType.SevenBit,        // RFC 6152 §2
            "8BITMIME" => BodyType.EightBitMime,
            "BINARYMIME" => BodyType.BinaryMime, // RFC 3030 §3
            _ => null,
        };
        if (body is null)
        {
            return SmtpReplies.BadArguments("BODY must be 7BIT, 8BITMIME or BINARYMIME");
        }

        if ((body == BodyType.EightBitMime && !options.EightBitMime) || (body == BodyType.BinaryMime && !options.BinaryMime))
        {
            return SmtpReplies.ParameterNotRecognized($"BODY={value!.ToUpperInvariant()} is not supported");
        }

        return null;
    }

    private static SmtpReply? ParseRet(string? value, EsmtpOptions options, out DsnReturn? ret)
    {
        ret = null;
        if (!options.Dsn)
        {
            return NotAdvertised("RET");
        }

        // RFC 3461 §4.3: ret-value = "FULL" / "HDRS"
        ret = value?.ToUpperInvariant() switch
        {
            "FULL" => DsnReturn.Full,
            "HDRS" => DsnReturn.Headers,
            _ => null,
        };
        return ret is null ? SmtpReplies.BadArguments("RET must be FULL or HDRS") : null;
    }

    private static SmtpReply? ParseEnvid(string? value, EsmtpOptions options, out string? envid)
    {
        envid = null;
        if (!options.Dsn)
        {
            return NotAdvertised("ENVID");
        }

        if (value is null)
        {
            return SmtpReplies.BadArguments("ENVID needs a value");
        }

        // RFC 3461 §4.4: at most 100 characters.
        if (value.Length > MaxEnvelopeIdLength)
        {
            return SmtpReplies.BadArguments("ENVID is longer than 100 characters");
        }

        // RFC 3461 §4.4: ENVID is xtext of printable US-ASCII.
        if (!Xtext.TryDecode(value, out envid) || !envid.All(c => c is >= ' ' and <= '~'))
        {
            envid = null;
            return SmtpReplies.BadArguments("ENVID is not valid xtext");
        }

        return null;
    }

    private static SmtpReply? ParseSmtpUtf8(string? value, EsmtpOptions options, out bool smtpUtf8)
    {
        smtpUtf8 = false;
        if (!options.SmtpUtf8)
        {
            return NotAdvertised("SMTPUTF8");
        }

        // RFC 6531 §3.4: the SMTPUTF8 parameter has no value.
        if (value is not null)
        {
            return SmtpReplies.BadArguments("SMTPUTF8 takes no value");
        }

        smtpUtf8 = true;
        return null;
    }

    private static SmtpReply? ParseAuth(string? value, EsmtpOptions options, out AuthParameter? auth)
    {
        auth = null;
        if (!options.Auth)
        {
            return NotAdvertised("AUTH");
        }

        // RFC 4954 §5: "AUTH=" ( xtext / "<>" )
        if (value == "<>")
        {
            auth = AuthParameter.Unknown;
            return null;
        }

        if (value is null || !Xtext.TryDecode(value, out var identity))
        {
            return SmtpReplies.BadArguments("AUTH must be xtext or <>");
        }

        auth = new AuthParameter(identity);
        return null;
    }

    private static SmtpReply? ParseNotify(string? value, EsmtpOptions options, out DsnNotify? notify)
    {
        notify = null;
        if (!options.Dsn)
        {
            return NotAdvertised("NOTIFY");
        }

        if (value is null)
        {
            return SmtpReplies.BadArguments("NOTIFY needs a value");
        }

        // RFC 3461 §4.1: "NEVER" / 1#( "SUCCESS" / "FAILURE" / "DELAY" ); NEVER stands alone.
        var flags = DsnNotify.None;
        var items = value.Split(',');
        foreach (var item in items)
        {
            var flag = item.ToUpperInvariant() switch
            {
                "NEVER" => DsnNotify.Never,
                "SUCCESS" => DsnNotify.Success,
                "FAILURE" => DsnNotify.Failure,
                "DELAY" => DsnNotify.Delay,
                _ => DsnNotify.None,
            };
            if (flag == DsnNotify.None)
            {
                return SmtpReplies.BadArguments("NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY");
            }

            flags |= flag;
        }

        if (flags.HasFlag(DsnNotify.Never) && items.Length > 1)
        {
            return SmtpReplies.BadArguments("NOTIFY=NEVER cannot be combined with other values");
        }

        notify = flags;
        return null;
    }

    private static SmtpReply? ParseOrcpt(string? value, EsmtpOptions options, bool smtpUtf8Transaction, out TypedAddress? orcpt, out string? raw)
    {
        orcpt = null;
        raw = null;
        if (!options.Dsn)
        {
            return NotAdvertised("ORCPT");
        }

        if (value is null)
        {
            return SmtpReplies.BadArguments("ORCPT needs a value");
        }

        // RFC 3461 §4.2: at most 500 characters.
        if (value.Length > TypedAddress.MaxOrcptLength)
        {
            return SmtpReplies.BadArguments("ORCPT is longer than 500 characters");
        }

        // RFC 6533 §3: utf-8-addr-unitext is allowed only when SMTPUTF8 is in effect.
        if (!TypedAddress.TryParse(value, allowUnitext: options.SmtpUtf8 && smtpUtf8Transaction, out orcpt))
        {
            return SmtpReplies.BadArguments("ORCPT must be addr-type;xtext");
        }

        raw = value;
        return null;
    }

    private static SmtpReply NotRecognized(string keyword) =>
        SmtpReplies.ParameterNotRecognized($"Parameter {Printable(keyword)} not recognized");

    private static SmtpReply NotAdvertised(string keyword) =>
        SmtpReplies.ParameterNotRecognized($"Parameter {keyword} not supported");

    private static SmtpReply AddressReply(AddressError error, bool sender)
    {
        if (error == AddressError.NonAsciiNotPermitted)
        {
            return SmtpReplies.NonAsciiAddressNotPermitted;
        }

        var text = error switch
        {
            AddressError.PathTooLong => "Path too long",                 // RFC 5321 §4.5.3.1.10
            AddressError.LocalPartTooLong => "Local part too long",      // §4.5.3.1.1
            AddressError.DomainTooLong => "Domain too long",             // §4.5.3.1.2
            AddressError.NullPathNotAllowed => "The null path is not allowed here",
            AddressError.InvalidAddressLiteral => "Bad address literal",
            AddressError.InvalidSourceRoute => "Bad source route",
            AddressError.InvalidDomain => "Bad domain",
            AddressError.MissingAt => "Address has no @domain",
            _ => "Bad address syntax",
        };
        return sender ? SmtpReplies.BadSenderAddress(text) : SmtpReplies.BadRecipientAddress(text);
    }

    private static string Printable(string s)
    {
        var cut = s.Length > 40 ? s[..40] : s;
        return new string([.. cut.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
    }
}
