using Kakunin.Protocol;
using MimeKit;

namespace Kakunin.Reports.Receipts;

/// <summary>Recognises messages that must never get a read receipt.</summary>
internal static class MessageKind
{
    /// <summary>
    /// A report: multipart/report of any report-type (RFC 6522: DSN, MDN, ARF feedback), or a
    /// bare delivery-status / disposition-notification / feedback-report body. RFC 8098 §2.1:
    /// an MDN MUST NOT be generated in response to an MDN; nor, sensibly, to any other report.
    /// </summary>
    public static bool IsReport(MimeMessage message)
    {
        var type = TopLevelType(message);
        if (type is null)
        {
            return false;
        }

        if (type.IsMimeType("multipart", "report"))
        {
            return true;
        }

        return type.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase)
            && type.MediaSubtype is var sub
            && (sub.Equals("delivery-status", StringComparison.OrdinalIgnoreCase)
                || sub.Equals("global-delivery-status", StringComparison.OrdinalIgnoreCase)
                || sub.Equals("disposition-notification", StringComparison.OrdinalIgnoreCase)
                || sub.Equals("global-disposition-notification", StringComparison.OrdinalIgnoreCase)
                || sub.Equals("feedback-report", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>RFC 3834 §2: Auto-Submitted with any value other than "no" (comments and parameters ignored).</summary>
    public static bool IsAutoSubmitted(HeaderList headers)
    {
        foreach (var header in headers)
        {
            if (!header.Field.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = Mdn.FieldText.StripComments(header.Value ?? string.Empty);
            var semi = value.IndexOf(';', StringComparison.Ordinal);
            var token = (semi < 0 ? value : value[..semi]).Trim();
            if (!token.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// List or bulk mail: any RFC 2369 List-* field or RFC 2919 List-Id, or
    /// Precedence: list / bulk / junk.
    /// </summary>
    public static bool IsListMail(HeaderList headers)
    {
        foreach (var header in headers)
        {
            var name = header.Field;
            if (name.Equals("List-Id", StringComparison.OrdinalIgnoreCase)
                || name.Equals("List-Post", StringComparison.OrdinalIgnoreCase)
                || name.Equals("List-Help", StringComparison.OrdinalIgnoreCase)
                || name.Equals("List-Subscribe", StringComparison.OrdinalIgnoreCase)
                || name.Equals("List-Unsubscribe", StringComparison.OrdinalIgnoreCase)
                || name.Equals("List-Owner", StringComparison.OrdinalIgnoreCase)
                || name.Equals("List-Archive", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name.Equals("Precedence", StringComparison.OrdinalIgnoreCase))
            {
                var value = (header.Value ?? string.Empty).Trim();
                if (value.Equals("list", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("bulk", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("junk", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when one of the reader's addresses is in To or Cc (<see cref="MailboxIdentity"/> equality: the reader's own addresses, keyed as this server keys them).</summary>
    public static bool IsInToOrCc(MimeMessage message, IReadOnlyList<string> readerAddresses) =>
        message.To.Mailboxes.Concat(message.Cc.Mailboxes)
            .Any(m => readerAddresses.Any(r => MailboxIdentity.Same(m.Address, r)));

    private static ContentType? TopLevelType(MimeMessage message)
    {
        if (message.Body is { } body)
        {
            return body.ContentType;
        }

        var raw = message.Headers[HeaderId.ContentType];
        return raw is not null && ContentType.TryParse(raw, out var parsed) ? parsed : null;
    }
}
