using Kakunin.Mail.Compose;
using MimeKit;

namespace Kakunin.Web.Mail;

/// <summary>
/// A draft as stored in the Drafts folder: an ordinary MIME message, so any client can read it, that keeps what
/// the person typed even when it is not yet valid (an address field is kept as typed) and the two receipt
/// choices: Disposition-Notification-To for a read receipt (as it will be sent, RFC 8098 §2.1), and
/// <see cref="RequestDsnHeader"/> for a delivery receipt, which has no header of its own because it lives in
/// the SMTP envelope (RFC 3461 NOTIFY). Sending composes afresh from the form, so that header never leaves.
/// </summary>
public static class DraftMessage
{
    /// <summary>Our own field (RFC 6648: no "X-" meaning; the name is just unique), only ever in drafts.</summary>
    public const string RequestDsnHeader = "X-Kakunin-Request-DSN";

    public static byte[] Build(MailboxAddress sender, ComposeForm form, IReadOnlyList<Attachment> attachments, string hostName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(attachments);
        var message = new MimeMessage { Subject = form.Subject.Trim(), Date = now, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(hostName) };
        message.From.Add(sender); // with the display name, as sending will write it
        AddRaw(message, HeaderId.To, form.To);
        AddRaw(message, HeaderId.Cc, form.Cc);
        AddRaw(message, HeaderId.Bcc, form.Bcc); // RFC 5322 §3.6.3 allows Bcc in a message; a draft is never sent as it is
        if (!string.IsNullOrWhiteSpace(form.InReplyTo))
        {
            message.InReplyTo = form.InReplyTo.Trim();
        }

        foreach (var reference in form.ReferenceList)
        {
            message.References.Add(reference);
        }

        if (form.RequestReadReceipt)
        {
            message.Headers.Add(HeaderId.DispositionNotificationTo, new MailboxAddress(null, sender.Address).ToString(true));
        }

        if (form.RequestDeliveryReceipt)
        {
            message.Headers.Add(RequestDsnHeader, "yes");
        }

        // The formatting is kept as the message will be sent: text and sanitised HTML as multipart/alternative.
        var rich = RichBody.From(form.Body, form.BodyHtml);
        var body = new BodyBuilder { TextBody = CrLf(rich.Text), HtmlBody = rich.Html is null ? null : CrLf(rich.Html) };
        foreach (var attachment in attachments)
        {
            var type = ContentType.TryParse(attachment.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            body.Attachments.Add(attachment.FileName, attachment.Content.ToArray(), type);
        }

        message.Body = body.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit);
        return MailComposer.ToBytes(message);
    }

    /// <summary>The form again from a stored draft (the attachments stay in the draft: see <see cref="ComposeForm.AttachmentsFrom"/>).</summary>
    public static ComposeForm Read(MimeMessage draft, long draftId)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new ComposeForm
        {
            To = Raw(draft, HeaderId.To),
            Cc = Raw(draft, HeaderId.Cc),
            Bcc = Raw(draft, HeaderId.Bcc),
            Subject = draft.Subject ?? string.Empty,
            Body = Kakunin.Mail.Reading.MessageText.PlainText(draft),
            BodyHtml = draft.HtmlBody is { } html && OutgoingHtml.Sanitise(html) is { Length: > 0 } safe ? safe : null,
            RequestReadReceipt = draft.Headers.Contains(HeaderId.DispositionNotificationTo),
            RequestDeliveryReceipt = string.Equals(draft.Headers[RequestDsnHeader]?.Trim(), "yes", StringComparison.OrdinalIgnoreCase),
            DraftId = draftId,
            InReplyTo = draft.InReplyTo,
            References = string.Join(' ', draft.References),
            AttachmentsFrom = draftId,
        };
    }

    private static void AddRaw(MimeMessage message, HeaderId id, string text)
    {
        var value = text.Replace('\r', ' ').Replace('\n', ' ').Trim();
        if (value.Length > 0)
        {
            message.Headers.Add(id, value);
        }
    }

    private static string CrLf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    private static string Raw(MimeMessage message, HeaderId id) => message.Headers[id]?.Trim() ?? string.Empty;
}
