using System.Text;
using MimeKit;

namespace Kakunin.Reports.Mime;

/// <summary>Finding and reading the parts of a report message, tolerant of how real MTAs build them.</summary>
public static class ReportParts
{
    static ReportParts() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Largest decoded part read as text (4 MiB); beyond it the text is cut, never the process.</summary>
    public const int MaxTextBytes = 4 * 1024 * 1024;

    /// <summary>The first part (depth-first, including inside attached messages when asked) whose type matches.</summary>
    public static MimeEntity? Find(MimeEntity? root, string mediaType, string mediaSubtype, bool intoAttachedMessages = false)
    {
        if (root is null)
        {
            return null;
        }

        if (root.ContentType.IsMimeType(mediaType, mediaSubtype))
        {
            return root;
        }

        switch (root)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    var found = Find(child, mediaType, mediaSubtype, intoAttachedMessages);
                    if (found is not null)
                    {
                        return found;
                    }
                }

                break;
            case MessagePart { Message: { } inner } when intoAttachedMessages:
                return Find(inner.Body, mediaType, mediaSubtype, intoAttachedMessages);
        }

        return null;
    }

    /// <summary>
    /// The decoded text of a part: transfer encoding undone (base64, quoted-printable), charset applied
    /// (UTF-8 when none is named or the name is unknown). Works for leaf parts MimeKit types as
    /// <see cref="MimePart"/> and for message/* parts it keeps as <see cref="MessagePart"/>.
    /// </summary>
    public static string ReadText(MimeEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var buffer = new MemoryStream();
        switch (entity)
        {
            case TextPart text:
                return Cut(text.Text);
            case MimePart part when part.Content is not null:
                part.Content.DecodeTo(buffer);
                break;
            case MessagePart { Message: { } message }:
                message.WriteTo(buffer);
                break;
            default:
                return string.Empty;
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, MaxTextBytes));
        return Decode(bytes, entity.ContentType.Charset);
    }

    private static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        Encoding encoding = new UTF8Encoding(false, false);
        if (!string.IsNullOrEmpty(charset) && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // Unknown charset name: UTF-8 is the best guess for report text.
            }
        }

        return encoding.GetString(bytes);
    }

    private static string Cut(string text) => text.Length > MaxTextBytes ? text[..MaxTextBytes] : text;
}
