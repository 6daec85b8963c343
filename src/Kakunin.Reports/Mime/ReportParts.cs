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
    public static string ReadText(MimeEntity entity) => ReadText(entity, lineEnd: false);

    /// <summary>
    /// <see cref="ReadText(MimeEntity)"/> followed by a line end ("\n"), made in one string: the readable text of a
    /// report is every text part followed by a line end, and appending it copied the whole text once more.
    /// </summary>
    internal static string ReadText(MimeEntity entity, bool lineEnd)
    {
        ArgumentNullException.ThrowIfNull(entity);
        // One decode buffer per thread, kept between parts: a new MemoryStream grows by doubling, and those
        // copies were a visible share of the analyser's allocations (docs/benchmarks.md §5). Taken while in
        // use, so a nested call gets its own; not kept once a part has made it large.
        var buffer = reusableBuffer ?? new MemoryStream();
        reusableBuffer = null;
        try
        {
            return ReadText(entity, buffer, lineEnd);
        }
        finally
        {
            if (buffer.Capacity <= MaxKeptBufferBytes)
            {
                buffer.SetLength(0);
                reusableBuffer = buffer;
            }
        }
    }

    private const int MaxKeptBufferBytes = 1024 * 1024;

    [ThreadStatic]
    private static MemoryStream? reusableBuffer;

    private static string ReadText(MimeEntity entity, MemoryStream buffer, bool lineEnd)
    {
        switch (entity)
        {
            case TextPart { Content: null }:
                return lineEnd ? "\n" : string.Empty;
            case TextPart text:
                return ReadTextPart(text, buffer, lineEnd);
            case MimePart part when part.Content is not null:
                ContentDecoding.DecodeTo(part.Content, buffer);
                break;
            case MessagePart { Message: { } message }:
                message.WriteTo(buffer);
                break;
            default:
                return lineEnd ? "\n" : string.Empty;
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, MaxTextBytes));
        var decoded = Decode(bytes, entity.ContentType.Charset);
        return lineEnd ? string.Concat(decoded, "\n") : decoded;
    }

    // The text of a text part, decoded as MimeKit's TextPart.Text decodes it (TextPart.GetText): with the charset the
    // part names when .NET knows it, else UTF-8; bytes that charset refuses as ISO-8859-1; CRLF → LF, as MimeKit's
    // default (Unix) format writes it. Done here in one Encoding.GetString instead of MimeKit's chain of a charset filter
    // (to UTF-8 bytes and back) and a line-ending filter, which was a tenth of the analyser's time, and without the
    // exceptions MimeKit throws and catches inside for a charset .NET does not support (UTF-7) or bytes the charset
    // refuses (docs/benchmarks.md §5). The detection this skips, a byte-order mark or an HTML meta charset, is still
    // MimeKit's: such parts go through TextPart.Text.
    // The characters are decoded into a pooled buffer, CRLF → LF is done in place and the one string made from it
    // (with the line end when asked): GetString, Replace and the caller's Concat were three copies of the whole text.
    private static string ReadTextPart(TextPart text, MemoryStream buffer, bool lineEnd)
    {
        ContentDecoding.DecodeTo(text.Content!, buffer); // A part without content never gets here (ReadText).
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var named = CharsetEncodings.Of(text.ContentType);
        if (named is null && (text.IsHtml || HasByteOrderMark(bytes)))
        {
            var detected = Cut(text.Text);
            return lineEnd ? string.Concat(detected, "\n") : detected;
        }

        // Room for either decoding (the named charset's or the ISO-8859-1 fallback's) and the line end.
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max((named ?? StrictUtf8).GetMaxCharCount(bytes.Length), bytes.Length) + 1);
        try
        {
            var count = TryDecode(named ?? StrictUtf8, bytes, chars) ?? Encoding.Latin1.GetChars(bytes, chars);
            count = Math.Min(CrLfToLf(chars.AsSpan(0, count)), MaxTextBytes);
            if (lineEnd)
            {
                chars[count++] = '\n';
            }

            return new string(chars, 0, count);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    // Every CRLF made LF in place (as string.Replace("\r\n", "\n")); the new length.
    private static int CrLfToLf(Span<char> text)
    {
        var first = text.IndexOf("\r\n".AsSpan());
        if (first < 0)
        {
            return text.Length;
        }

        var length = first;
        for (var read = first; read < text.Length;)
        {
            var rest = text[read..];
            var next = rest.IndexOf("\r\n".AsSpan());
            if (next < 0)
            {
                rest.CopyTo(text[length..]);
                length += rest.Length;
                break;
            }

            rest[..next].CopyTo(text[length..]);
            length += next;
            text[length++] = '\n';
            read += next + 2;
        }

        return length;
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The bytes in the encoding, decoded into chars (their count), or null when it refuses them (its decoder throws).
    private static int? TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (CharsetEncodings.Refuses(encoding, bytes))
        {
            return null;
        }

        try
        {
            return encoding.GetChars(bytes, chars);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // UTF-8, UTF-16 (either order) or UTF-32 little-endian byte-order mark (UTF-32 big-endian starts 00 00 FE FF).
    private static bool HasByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]) || bytes.StartsWith([(byte)0xFE, (byte)0xFF])
        || bytes.StartsWith([(byte)0xFF, (byte)0xFE]) || bytes.StartsWith([(byte)0, (byte)0, (byte)0xFE, (byte)0xFF]);

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
