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
            case TextPart { Content: null }:
                return string.Empty;
            case TextPart text when CharsetEncodings.Of(text.ContentType) is { } named && DecodeNamed(text, named, buffer) is { } decoded:
                return decoded;
            case TextPart text:
                // No charset, or an unknown one: MimeKit's detection (byte-order mark, HTML meta, UTF-8, Latin-1).
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

    // The part names a charset MimeKit knows: decode the bytes with it in one call. TextPart.Text does the same
    // through a charset filter (to UTF-8 bytes, then back to a string) and a line-ending filter; that chain was a
    // tenth of the analyser's time (docs/benchmarks.md §5). Same result: the charset's own decoder, then CRLF → LF
    // as MimeKit's default (Unix) format writes it. Bytes the charset refuses: null, and MimeKit's own path
    // (which falls back to Latin-1) decides.
    private static string? DecodeNamed(TextPart text, Encoding named, MemoryStream buffer)
    {
        text.Content!.DecodeTo(buffer); // A part without content never gets here (ReadText).
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (CharsetEncodings.Refuses(named, bytes))
        {
            // Known to throw below: an exception costs a stack walk, and real reports declare us-ascii or
            // UTF-8 over 8-bit text often enough for that to show (docs/benchmarks.md §5).
            return null;
        }

        try
        {
            return Cut(named.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
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
