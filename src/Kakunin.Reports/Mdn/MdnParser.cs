using System.Text;
using MimeKit;

namespace Kakunin.Reports.Mdn;

/// <summary>
/// Reads MDNs that arrive from the world. Lenient (any line ends, base64 or quoted-printable
/// notification parts, missing blank lines, unknown fields kept in order) and total: garbage
/// gives null, never an exception.
/// </summary>
public static class MdnParser
{
    private const int MaxDepth = 8;
    private const int MaxPartBytes = 256 * 1024;

    /// <summary>
    /// Finds the message/disposition-notification (or RFC 6533 message/global-disposition-notification)
    /// part of <paramref name="message"/> and parses it; null when there is none or it lacks the
    /// required Final-Recipient or Disposition fields (RFC 8098 §3.1).
    /// </summary>
    public static DispositionNotification? TryParse(MimeMessage? message)
    {
        if (message is null)
        {
            return null;
        }

        try
        {
            var part = FindNotificationPart(message.Body, 0);
            return part is null ? null : TryParseFields(ReadText(part));
        }
#pragma warning disable CA1031 // A parser of hostile input answers null, whatever MimeKit throws.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Parses the text of a notification body part (its fields). Null when required fields are missing.</summary>
    public static DispositionNotification? TryParseFields(string? text)
    {
        if (text is null)
        {
            return null;
        }

        MdnAddress? final = null, original = null;
        Disposition? disposition = null;
        ReportingUa? ua = null;
        MdnGateway? gateway = null;
        string? messageId = null;
        var errors = new List<string>();
        var extensions = new List<MdnExtensionField>();
        foreach (var (name, value) in MdnFieldReader.Read(text))
        {
            // RFC 8098 §3.1.1: field names are case-insensitive. A second copy of a
            // single-valued field is kept as an extension rather than lost.
            var used = Field(name) switch
            {
                "final-recipient" when final is null => (final = MdnAddress.Parse(value)) is not null,
                "original-recipient" when original is null => (original = MdnAddress.Parse(value)) is not null,
                "disposition" when disposition is null => (disposition = Disposition.TryParse(value)) is not null,
                "reporting-ua" when ua is null => (ua = ReportingUa.Parse(value)) is not null,
                "mdn-gateway" when gateway is null => (gateway = MdnGateway.Parse(value)) is not null,
                "original-message-id" when messageId is null => (messageId = value) is not null,
                "error" => Add(errors, value),
                _ => false,
            };
            if (!used)
            {
                extensions.Add(new MdnExtensionField(name, value));
            }
        }

        return final is null || disposition is null
            ? null
            : new DispositionNotification(final, disposition, ua, gateway, original, messageId, errors, extensions);
    }

    private static bool Add(List<string> list, string value)
    {
        list.Add(value);
        return true;
    }

    private static string Field(string name) =>
        name.Equals("Final-Recipient", StringComparison.OrdinalIgnoreCase) ? "final-recipient"
        : name.Equals("Original-Recipient", StringComparison.OrdinalIgnoreCase) ? "original-recipient"
        : name.Equals("Disposition", StringComparison.OrdinalIgnoreCase) ? "disposition"
        : name.Equals("Reporting-UA", StringComparison.OrdinalIgnoreCase) ? "reporting-ua"
        : name.Equals("MDN-Gateway", StringComparison.OrdinalIgnoreCase) ? "mdn-gateway"
        : name.Equals("Original-Message-ID", StringComparison.OrdinalIgnoreCase) ? "original-message-id"
        : name.Equals("Error", StringComparison.OrdinalIgnoreCase) ? "error"
        : string.Empty;

    /// <summary>True for message/disposition-notification and message/global-disposition-notification (RFC 6533 §5).</summary>
    internal static bool IsNotificationType(ContentType? type) =>
        type is not null
        && type.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase)
        && (type.MediaSubtype.Equals("disposition-notification", StringComparison.OrdinalIgnoreCase)
            || type.MediaSubtype.Equals("global-disposition-notification", StringComparison.OrdinalIgnoreCase));

    private static MimePart? FindNotificationPart(MimeEntity? entity, int depth)
    {
        if (entity is null || depth > MaxDepth)
        {
            return null;
        }

        if (entity is MimePart part && IsNotificationType(part.ContentType))
        {
            return part;
        }

        if (entity is Multipart multipart)
        {
            foreach (var child in multipart)
            {
                var found = FindNotificationPart(child, depth + 1);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static string? ReadText(MimePart part)
    {
        if (part.Content is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        Mime.ContentDecoding.DecodeTo(part.Content, buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, MaxPartBytes));
        // message/disposition-notification is ASCII; the global form is UTF-8 (RFC 6533 §5).
        // Invalid bytes become U+FFFD rather than an exception.
        return Encoding.UTF8.GetString(bytes);
    }
}
