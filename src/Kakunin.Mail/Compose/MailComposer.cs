using System.Security.Cryptography;
using System.Text;
using Kakunin.Protocol;
using MimeKit;

namespace Kakunin.Mail.Compose;

/// <summary>
/// Turns the compose form into a message and its envelope: RFC 5322 fields, the read-receipt request
/// (RFC 8098 §2.1 Disposition-Notification-To, never the old Return-Receipt-To), and per recipient the DSN
/// parameters (RFC 3461: NOTIFY, ORCPT) plus ENVID, so that every report that comes back can be matched.
/// </summary>
public static class MailComposer
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Builds the message. Throws <see cref="ArgumentException"/> when no recipient is given or an address is invalid.</summary>
    public static ComposedMail Compose(Sender sender, ComposeRequest request, ComposeOptions options)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var to = Addresses(request.To, nameof(request.To));
        var cc = Addresses(request.Cc, nameof(request.Cc));
        var bcc = Addresses(request.Bcc, nameof(request.Bcc));
        if (to.Count + cc.Count + bcc.Count == 0)
        {
            throw new ArgumentException("At least one recipient is needed.", nameof(request));
        }

        var messageId = options.MessageId ?? NewId(24) + "@" + options.HostName;
        var envelopeId = options.EnvelopeId ?? NewId(24); // letters and digits only: no xtext escaping needed (RFC 3461 §4)
        var from = new MailboxAddress(sender.DisplayName, sender.Address);
        var message = new MimeMessage { Subject = request.Subject.Trim(), Date = options.Now, MessageId = messageId };
        message.From.Add(from);
        message.To.AddRange(to);
        message.Cc.AddRange(cc);
        if (request.InReplyTo is { Length: > 0 } inReplyTo)
        {
            message.InReplyTo = inReplyTo;
        }

        foreach (var reference in request.References ?? [])
        {
            message.References.Add(reference);
        }

        if (request.RequestReadReceipt)
        {
            // RFC 8098 §2.1: the address the receipt goes to; it equals our envelope sender, which lets the
            // recipient's software send without asking when its policy allows (RFC 8098 §2.1, Return-Path check).
            message.Headers.Add(HeaderId.DispositionNotificationTo, new MailboxAddress(sender.DisplayName, sender.Address).ToString(true));
        }

        message.Body = Body(request);
        message.Prepare(EncodingConstraint.SevenBit); // 7-bit safe for any next hop (no 8BITMIME needed)

        var notify = request.RequestDeliveryReceipt ? DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay : (DsnNotify?)null;
        var recipients = to.Concat(cc).Concat(bcc)
            .DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase)
            .Select(m => new EnvelopeRecipient(m.Address, notify, Original(m.Address)))
            .ToList();
        return new ComposedMail(message, ToBytes(message), envelopeId, messageId, recipients);
    }

    /// <summary>The message as CRLF bytes, as the store keeps received mail.</summary>
    public static byte[] ToBytes(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var stream = new MemoryStream();
        message.WriteTo(format, stream);
        return stream.ToArray();
    }

    private static MimeEntity Body(ComposeRequest request)
    {
        var html = string.IsNullOrEmpty(request.HtmlBody) ? null : NormaliseNewLines(request.HtmlBody);
        // HTML alone stays HTML alone; otherwise the text part is always there, empty or not (as the webmail sends).
        var builder = new BodyBuilder { TextBody = html is not null && request.Body.Length == 0 ? null : NormaliseNewLines(request.Body), HtmlBody = html };
        foreach (var attachment in request.Attachments ?? [])
        {
            var type = ContentType.TryParse(attachment.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            builder.Attachments.Add(SafeFileName(attachment.FileName), attachment.Content.ToArray(), type);
        }

        return builder.ToMessageBody();
    }

    // RFC 3461 §4.2: ORCPT in the address type of the address, so Original-Recipient comes back as typed.
    private static TypedAddress Original(string address) =>
        new(Ascii.IsValid(address) ? TypedAddress.Rfc822Type : TypedAddress.Utf8Type, address);

    private static List<MailboxAddress> Addresses(string text, string field)
    {
        var (mailboxes, invalid) = AddressInput.Parse(text);
        return invalid.Count > 0
            ? throw new ArgumentException($"Not an address: {string.Join(", ", invalid)}", field)
            : [.. mailboxes];
    }

    // RFC 2046 §4.1.1: text is CRLF-separated in canonical form, before any base64 or quoted-printable.
    private static string NormaliseNewLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "\r\n", StringComparison.Ordinal);

    private static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(file) ? "attachment" : file;
    }

    private static string NewId(int length) => RandomNumberGenerator.GetString(IdAlphabet, length);
}
