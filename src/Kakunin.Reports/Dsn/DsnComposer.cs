using System.Text;
using Kakunin.Protocol;
using MimeKit.Utils;
using MimeKit;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// Writes delivery status notifications: a multipart/report; report-type=delivery-status
/// (RFC 6522 §3, RFC 3464 §2) holding, in this order, a human-readable text/plain part in the
/// request's language, the message/delivery-status part, and the original message or its headers
/// as RET asked. When an address, a field or the original's headers are not ASCII, the RFC 6533
/// types are used instead: message/global-delivery-status, message/global-headers, message/global.
/// Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// Original-Envelope-Id and the address of Original-Recipient are written xtext-<em>decoded</em>,
/// exactly as the client meant them: xtext (RFC 3461 §4) is the encoding of the SMTP parameters
/// only, while RFC 3464 §2.2.1 and §2.3.1 define the DSN fields as plain <c>*text</c>
/// (<c>envelope-id</c>, <c>generic-address</c>). Postfix and sendmail (which changed from
/// xtextify to xuntextify) write them decoded too; <see cref="DsnParser"/> reads them the same way.
/// </remarks>
public static class DsnComposer
{
    /// <summary>Composes the DSN message. See <see cref="ComposeForSending"/> for the envelope that goes with it.</summary>
    /// <exception cref="ArgumentException">
    /// The report has no recipient, a recipient has no Status or one whose class does not fit its
    /// Action, a value contains a line break, or the original envelope sender is empty (a null
    /// reverse-path never gets a DSN).
    /// </exception>
    public static MimeMessage Compose(DsnComposeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);

        var report = request.Report;
        var strings = DsnStrings.For(request.Language);
        var original = DsnOriginal.From(request);
        var global = report.NeedsUtf8
            || !Ascii.IsValid(request.OriginalEnvelopeSender)
            || original is { HeadersAreAscii: false };

        // RFC 3461 §4.3: FULL asks for the whole message in "failed" DSNs; other notices carry headers.
        DsnReturn? ret = original is null ? null
            : request.Return == DsnReturn.Full && report.Recipients.Any(r => r.Action == DsnAction.Failed) ? DsnReturn.Full
            : DsnReturn.Headers;

        // RFC 6522 §3: the report's parts, human-readable first, machine-readable second,
        // the original (or part of it) third.
        var body = new MultipartReport("delivery-status")
        {
            HumanPart(report, strings, ret),
            StatusPart(report, global),
        };
        if (original is not null && ret is { } r)
        {
            body.Add(OriginalPart(original, r, global));
        }

        var message = new MimeMessage();
        message.From.Add(request.ReportingMailbox);
        // RFC 3464 §2: the DSN is addressed, in the header and the envelope, to the original's return address.
        message.To.Add(new MailboxAddress(string.Empty, request.OriginalEnvelopeSender));
        message.Subject = DsnHumanText.Subject(report, strings);
        message.Date = request.Date;
        message.Headers[HeaderId.Date] = Rfc5322Date.Format(request.Date); // see Rfc5322Date: MimeKit's zone can be wrong
        message.MessageId = request.MessageId ?? MimeUtils.GenerateMessageId(Domain(request.ReportingMailbox));
        Thread(message, original);
        // RFC 3834 §5.1: generated as a direct response to another message.
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.MimeVersion = new Version(1, 0);
        message.Body = body;
        return message;
    }

    /// <summary>
    /// Composes the DSN together with its envelope: null reverse-path (RFC 3461 §6.1, RFC 5321
    /// §4.5.5) and the original envelope sender as the only recipient.
    /// </summary>
    public static DsnOutgoing ComposeForSending(DsnComposeRequest request) =>
        new(Compose(request), request.OriginalEnvelopeSender);

    private static TextPart HumanPart(DeliveryStatusReport report, DsnStrings strings, DsnReturn? ret)
    {
        var text = DsnHumanText.Write(report, strings, ret);
        var part = new TextPart("plain");
        part.SetText(Encoding.UTF8, text);
        part.ContentTransferEncoding = Ascii.IsValid(text) ? ContentEncoding.SevenBit : ContentEncoding.Base64;
        part.ContentType.Charset = Ascii.IsValid(text) ? "us-ascii" : "utf-8";
        part.Headers.Add("Content-Language", strings.Language); // RFC 3282
        part.ContentDescription = "Notification";
        return part;
    }

    private static MimePart StatusPart(DeliveryStatusReport report, bool global)
    {
        var text = DsnStatusWriter.Write(report, global);
        // RFC 3464 §2.1 / RFC 6533 §6.1: message/(global-)delivery-status; the global one carries UTF-8 as 8bit.
        var part = new MimePart("message", global ? "global-delivery-status" : "delivery-status")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false)),
            ContentTransferEncoding = global ? ContentEncoding.EightBit : ContentEncoding.SevenBit,
            ContentDescription = "Delivery report",
        };
        return part;
    }

    private static MimeEntity OriginalPart(DsnOriginal original, DsnReturn ret, bool global)
    {
        if (ret == DsnReturn.Full)
        {
            // RFC 3464 §2 / RFC 6533 §6.3: message/rfc822, or message/global when UTF-8 is involved.
            var part = new MessagePart(global ? "global" : "rfc822") { Message = original.Load() };
            part.Headers.Add(HeaderId.ContentDescription, "Original message");
            if (!original.IsAscii)
            {
                // RFC 2046 §5.2.1: message/rfc822 may only be 7bit, 8bit or binary; say 8bit when it is.
                part.Headers.Add(HeaderId.ContentTransferEncoding, "8bit");
            }

            return part;
        }

        // RFC 6522 §3 / RFC 6533 §6.4: text/rfc822-headers or message/global-headers, every header
        // line of the original, byte for byte (folding kept), never truncated.
        var headers = original.HeaderBytes;
        return new MimePart(global ? "message" : "text", global ? "global-headers" : "rfc822-headers")
        {
            Content = new MimeContent(new MemoryStream(headers.ToArray(), writable: false)),
            ContentTransferEncoding = Ascii.IsValid(headers.Span) ? ContentEncoding.SevenBit : ContentEncoding.EightBit,
            ContentDescription = "Message headers",
        };
    }

    // RFC 5322 §3.6.4: In-Reply-To is the parent's msg-id; References the parent's References
    // (or its In-Reply-To) followed by the parent's msg-id. This threads the DSN under the original.
    private static void Thread(MimeMessage message, DsnOriginal? original)
    {
        if (original is null)
        {
            return;
        }

        var headers = original.LoadHeaders();
        var id = First(headers[HeaderId.MessageId]);
        if (id is null)
        {
            return;
        }

        message.InReplyTo = id;
        var parents = headers[HeaderId.References] ?? headers[HeaderId.InReplyTo];
        if (parents is not null)
        {
            foreach (var reference in MimeUtils.EnumerateReferences(parents))
            {
                message.References.Add(reference);
            }
        }

        message.References.Add(id);
    }

    private static string? First(string? value) =>
        value is null ? null : MimeUtils.EnumerateReferences(value).FirstOrDefault();

    private static string Domain(MailboxAddress mailbox) => MailboxIdentity.DomainOf(mailbox.Address) is { Length: > 0 } d ? d : "localhost";

    private static void Validate(DsnComposeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Report);
        ArgumentNullException.ThrowIfNull(request.ReportingMailbox);
        // RFC 3461 §6.1, RFC 5321 §4.5.5: never a DSN for a message with a null reverse-path.
        if (string.IsNullOrWhiteSpace(request.OriginalEnvelopeSender) || request.OriginalEnvelopeSender.Trim() == "<>")
        {
            throw new ArgumentException("The original had a null reverse-path: no DSN may be sent for it.", nameof(request));
        }

        if (request.Report.Recipients.Count == 0)
        {
            throw new ArgumentException("A DSN reports at least one recipient (RFC 3464 §2).", nameof(request));
        }

        foreach (var r in request.Report.Recipients)
        {
            // RFC 3464 §2.3.4: Status is required, and its class must fit the Action: 2 for
            // delivered/relayed/expanded, 4 for delayed, 4 or 5 for failed.
            var ok = r.Status is { } s && r.Action switch
            {
                DsnAction.Delayed => s.Class == 4,
                DsnAction.Failed => s.Class is 4 or 5,
                _ => s.Class == 2,
            };
            if (!ok)
            {
                throw new ArgumentException($"Recipient {r.FinalRecipient.Address}: Status {r.Status?.ToString() ?? "(none)"} does not fit Action {r.Action.ToWire()}.", nameof(request));
            }
        }
    }
}
