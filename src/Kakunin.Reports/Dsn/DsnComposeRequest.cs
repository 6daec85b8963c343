using Kakunin.Protocol;
using MimeKit;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// Everything <see cref="DsnComposer"/> needs to write one DSN. Pure data: the date and (optionally)
/// the Message-ID come in here, so composing never reads a clock.
/// </summary>
public sealed record DsnComposeRequest
{
    /// <summary>The machine-readable report; every recipient must have a <see cref="DsnRecipient.Status"/>.</summary>
    public required DeliveryStatusReport Report { get; init; }

    /// <summary>The From of the DSN, e.g. <c>Mail Delivery System &lt;MAILER-DAEMON@mx.example.com&gt;</c>.</summary>
    public required MailboxAddress ReportingMailbox { get; init; }

    /// <summary>
    /// The reverse-path of the original message (without angle brackets). The DSN goes to this
    /// address, in the To header and in RCPT TO (RFC 3464 §2). Never empty: no DSN is issued for a
    /// message with a null reverse-path (RFC 3461 §6.1, RFC 5321 §4.5.5), which is how a DSN never
    /// causes another DSN.
    /// </summary>
    public required string OriginalEnvelopeSender { get; init; }

    /// <summary>The Date of the DSN.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The Message-ID (without angle brackets); when null one is made with <see cref="MimeKit.Utils.MimeUtils.GenerateMessageId(string)"/>.</summary>
    public string? MessageId { get; init; }

    /// <summary>Language of the human-readable part and Subject: <c>en</c> or <c>ja</c> (others fall back to English).</summary>
    public string Language { get; init; } = "en";

    /// <summary>The RET of the original transaction; <see cref="DsnReturn.Headers"/> when none was given.</summary>
    public DsnReturn Return { get; init; } = DsnReturn.Headers;

    /// <summary>The original as a parsed message. Give this or <see cref="OriginalBytes"/>, or neither (no third part).</summary>
    public MimeMessage? OriginalMessage { get; init; }

    /// <summary>The original exactly as stored. Preferred over <see cref="OriginalMessage"/>: RET=HDRS copies these header bytes unchanged.</summary>
    public ReadOnlyMemory<byte>? OriginalBytes { get; init; }
}
