using System.Globalization;
using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// Pure formatting of the client's MAIL and RCPT commands (no CRLF), given what the server advertised.
/// ESMTP parameters are only sent for extensions the server advertised (RFC 5321 §4.1.1.11: a
/// server rejects parameters of extensions it did not advertise with 555).
/// </summary>
public static class SmtpCommands
{
    /// <summary>
    /// <c>MAIL FROM:&lt;path&gt;</c> with SIZE (RFC 1870, when advertised and the size is known),
    /// BODY (RFC 6152, only with 8BITMIME advertised), RET and ENVID (RFC 3461 §4.3–4.4, only with
    /// DSN advertised; ENVID xtext-encoded) and SMTPUTF8 (RFC 6531 §3.4, only when the message asked
    /// for it and the server advertised it).
    /// </summary>
    /// <exception cref="ArgumentException">The path or ENVID contains CR, LF, NUL, or the ENVID a char above U+00FF.</exception>
    public static string MailFrom(OutboundMessage message, SmtpCapabilities capabilities, long? size)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(capabilities);
        RequireSafe(message.ReversePath, nameof(message));
        var sb = new StringBuilder("MAIL FROM:<").Append(message.ReversePath).Append('>');
        if (capabilities.Size && size is { } octets)
        {
            sb.Append(" SIZE=").Append(octets.ToString(CultureInfo.InvariantCulture));
        }
        if (capabilities.EightBitMime && message.Body is { } body)
        {
            sb.Append(" BODY=").Append(body switch
            {
                BodyType.SevenBit => "7BIT",
                BodyType.EightBitMime => "8BITMIME",
                _ => "BINARYMIME",
            });
        }
        if (capabilities.Dsn)
        {
            if (message.Return is { } ret)
            {
                sb.Append(" RET=").Append(ret == DsnReturn.Full ? "FULL" : "HDRS");
            }
            if (message.EnvelopeId is { } envid)
            {
                // RFC 3461 §4.4: ENVID=xtext. OutboundMessage holds the decoded value.
                sb.Append(" ENVID=").Append(Xtext.Encode(envid));
            }
        }
        if (capabilities.SmtpUtf8 && message.SmtpUtf8)
        {
            sb.Append(" SMTPUTF8");
        }
        return sb.ToString();
    }

    /// <summary>
    /// <c>RCPT TO:&lt;address&gt;</c>, with NOTIFY and ORCPT exactly as received only when the server
    /// advertised DSN (RFC 3461 §4: a relay passes them on unchanged to a DSN-capable next hop;
    /// ORCPT is copied as the raw <c>addr-type;xtext</c> text, never re-encoded).
    /// </summary>
    /// <exception cref="ArgumentException">The address or ORCPT contains CR, LF, NUL, or the ORCPT a space.</exception>
    public static string RcptTo(OutboundRecipient recipient, SmtpCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(capabilities);
        RequireSafe(recipient.Address, nameof(recipient));
        var sb = new StringBuilder("RCPT TO:<").Append(recipient.Address).Append('>');
        if (capabilities.Dsn)
        {
            if (recipient.Notify is { } notify && notify != DsnNotify.None)
            {
                sb.Append(" NOTIFY=").Append(FormatNotify(notify));
            }
            if (recipient.OriginalRecipientParameter is { } orcpt)
            {
                if (orcpt.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0 || orcpt.Contains(' ', StringComparison.Ordinal))
                {
                    throw new ArgumentException("ORCPT must not contain CR, LF, NUL or a space.", nameof(recipient));
                }
                sb.Append(" ORCPT=").Append(orcpt);
            }
        }
        return sb.ToString();
    }

    /// <summary>RFC 3461 §4.1: "NEVER", or a comma list of SUCCESS, FAILURE, DELAY (in that order).</summary>
    public static string FormatNotify(DsnNotify notify) => notify.ToParameterValue();

    /// <summary>True when every char of the envelope addresses is ASCII (no SMTPUTF8 needed for them).</summary>
    public static bool IsAsciiEnvelope(OutboundMessage message, IEnumerable<OutboundRecipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Ascii.IsValid(message.ReversePath) && recipients.All(r => Ascii.IsValid(r.Address));
    }

    // Command injection guard: a CR or LF would end the command early (RFC 5321 §2.3.8).
    private static void RequireSafe(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.AsSpan().IndexOfAny("\r\n\0<>") >= 0)
        {
            throw new ArgumentException("Envelope addresses must not contain CR, LF, NUL, '<' or '>'.", parameterName);
        }
    }
}
