using Kakunin.Protocol;
using System.Text;
using Kakunin.Reports.Receipts;
using MimeKit;
using MimeKit.Utils;

namespace Kakunin.Reports.Mdn;

/// <summary>
/// Builds read receipts: a multipart/report; report-type=disposition-notification message
/// (RFC 8098 §3) with a human-readable part in the reader's language, the machine-readable
/// notification and, optionally, the original header fields.
/// </summary>
public static class MdnComposer
{
    /// <summary>
    /// Composes the MDN for <paramref name="original"/>, issued for <paramref name="reader"/>.
    /// </summary>
    /// <param name="original">The message that carried the Disposition-Notification-To request.</param>
    /// <param name="reader">The person the MDN is issued for (From of the MDN, Final-Recipient).</param>
    /// <param name="disposition">What happened, and how the MDN was sent (see <see cref="Disposition.SentByUser"/>).</param>
    /// <param name="options">Date, language, whether to include the original headers.</param>
    /// <exception cref="InvalidOperationException">The original has no Disposition-Notification-To address: there is no one to send the MDN to.</exception>
    /// <exception cref="ArgumentException">The disposition is "denied": Kakunin only reads it (docs/read-receipts.md).</exception>
    public static ComposedMdn Compose(MimeMessage original, MailboxAddress reader, Disposition disposition, MdnComposeOptions options)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(disposition);
        ArgumentNullException.ThrowIfNull(options);
        if (disposition.Type == DispositionType.Denied)
        {
            // RFC 8098 dropped "denied"; a reader who says no sends nothing (RFC 8098 §2.1), so neither do we.
            throw new ArgumentException("Kakunin never sends a \"denied\" MDN: a refusal is sending nothing (RFC 8098 §2.1).", nameof(disposition));
        }

        var request = ReadReceiptRequest.Detect(original.Headers);
        if (request.NotificationAddresses.Count == 0)
        {
            throw new InvalidOperationException("The message has no Disposition-Notification-To address; an MDN goes only there (RFC 8098 §3).");
        }

        var notification = new DispositionNotification(
            FinalRecipient: MdnAddress.ForMailbox(reader.Address),
            Disposition: disposition,
            ReportingUa: options.ReportingUa ?? ReportingUa.Kakunin,
            // RFC 8098 §3.2.3 and §5: only from the Original-Recipient header field, never from To.
            OriginalRecipient: request.OriginalRecipient,
            // RFC 8098 §3.2.5: present if and only if the original had a Message-ID.
            OriginalMessageId: original.MessageId is { Length: > 0 } id ? "<" + id + ">" : null,
            Errors: disposition.HasError ? options.Errors ?? [] : []);

        var ja = MdnText.IsJapanese(options.Language);
        var mdn = new MimeMessage();
        mdn.Date = options.Date;
        // RFC 8098 §3: From is the person the MDN is issued for.
        mdn.From.Add(reader);
        // RFC 8098 §3: addressed, in header and envelope, to the Disposition-Notification-To addresses.
        mdn.To.AddRange(request.NotificationAddresses);
        mdn.Subject = MdnText.SubjectPrefix(disposition.Type, ja) + (original.Subject ?? string.Empty);
        // RFC 8098 §3: the MDN's Message-ID differs from the original's.
        mdn.MessageId = MimeUtils.GenerateMessageId(DomainOf(reader.Address));
        if (original.MessageId is { Length: > 0 } originalId)
        {
            // Thread the receipt under the original (RFC 5322 §3.6.4).
            mdn.InReplyTo = originalId;
            foreach (var reference in original.References)
            {
                mdn.References.Add(reference);
            }

            mdn.References.Add(originalId);
        }

        if (disposition.SendingMode == SendingMode.SentAutomatically)
        {
            // RFC 3834 §5: a response generated automatically is marked auto-replied.
            mdn.Headers.Add("Auto-Submitted", "auto-replied");
        }

        // RFC 8098 §3: never a Disposition-Notification-To on the MDN itself (nothing adds one here).
        var report = new MultipartReport("disposition-notification");
        report.Add(CreateTextPart(notification, original, reader, options, ja));
        report.Add(CreateNotificationPart(notification));
        if (options.IncludeOriginalHeaders)
        {
            report.Add(CreateHeadersPart(original));
        }

        mdn.Body = report;
        var envelope = MdnEnvelope.WithNullSender(request.NotificationAddresses.Select(a => a.Address).ToList());
        return new ComposedMdn(mdn, envelope, notification);
    }

    /// <summary>
    /// The second part for <paramref name="notification"/>: message/disposition-notification in
    /// 7bit (RFC 8098 §3.1), or message/global-disposition-notification in 8bit when a field
    /// needs UTF-8 (RFC 6533 §5, §6.5).
    /// </summary>
    public static MimePart CreateNotificationPart(DispositionNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = MdnFieldWriter.Write(notification);
        var global = !Ascii.IsValid(text);
        MimePart part = global
            ? new MimePart("message", "global-disposition-notification") { ContentTransferEncoding = ContentEncoding.EightBit }
            : new MessageDispositionNotification { ContentTransferEncoding = ContentEncoding.SevenBit };
        part.Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        return part;
    }

    /// <summary>
    /// The optional third part: the original header fields, the message's and its top-level
    /// entity's (Content-Type and the like), as received. text/rfc822-headers, or
    /// message/global-headers when a field holds raw UTF-8 (RFC 6533 §4.3, §5).
    /// </summary>
    public static MimePart CreateHeadersPart(MimeMessage original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var bytes = HeaderBytes(original.Body is null ? original.Headers : original.Headers.Concat(original.Body.Headers));
        var global = !Ascii.IsValid(bytes);
        // A plain MimePart keeps the original bytes: MimeKit's TextRfc822Headers is a MessagePart
        // that would re-serialise a MimeMessage (and add fields of its own).
        var part = global
            ? new MimePart("message", "global-headers") { ContentTransferEncoding = ContentEncoding.EightBit }
            : new MimePart("text", "rfc822-headers") { ContentTransferEncoding = ContentEncoding.SevenBit };
        part.Content = new MimeContent(new MemoryStream(bytes));
        return part;
    }

    private static byte[] HeaderBytes(IEnumerable<Header> headers)
    {
        using var buffer = new MemoryStream();
        foreach (var header in headers)
        {
            buffer.Write(header.RawField);
            buffer.WriteByte((byte)':');
            var raw = header.RawValue;
            for (var i = 0; i < raw.Length; i++)
            {
                // Line ends as received may be LF or CR; the report uses CRLF.
                if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r'))
                {
                    buffer.WriteByte((byte)'\r');
                }

                buffer.WriteByte(raw[i]);
                if (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n'))
                {
                    buffer.WriteByte((byte)'\n');
                }
            }

            if (raw.Length == 0 || raw[^1] != '\n')
            {
                buffer.Write("\r\n"u8);
            }
        }

        return buffer.ToArray();
    }

    private static TextPart CreateTextPart(
        DispositionNotification notification, MimeMessage original, MailboxAddress reader, MdnComposeOptions options, bool ja)
    {
        DateTimeOffset? sent = original.Headers.Contains(HeaderId.Date) ? original.Date : null;
        var body = MdnText.Body(notification, original.Subject, sent, reader.Address, options.Date, ja);
        var text = new TextPart("plain");
        text.SetText("utf-8", body);
        text.ContentTransferEncoding = Ascii.IsValid(body) ? ContentEncoding.SevenBit : ContentEncoding.EightBit;
        text.Headers.Add("Content-Language", ja ? "ja" : "en");
        return text;
    }

    private static string DomainOf(string address) => MailboxIdentity.DomainOf(address) is { Length: > 0 } d ? d : "localhost";
}
