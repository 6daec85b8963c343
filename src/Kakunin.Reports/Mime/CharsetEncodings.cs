using System.Collections.Concurrent;
using System.Text;
using MimeKit;

namespace Kakunin.Reports.Mime;

/// <summary>
/// MimeKit's <see cref="ContentType.CharsetEncoding"/>, remembered per charset name. MimeKit looks the name up
/// and builds a new <see cref="Encoding"/> on every call, and throws and catches inside for a name .NET does not
/// support (UTF-7 among them); reports name a handful of charsets, so the answer is kept.
/// </summary>
internal static class CharsetEncodings
{
    // A hostile stream could name endless charsets: past this many names, look up without remembering.
    private const int MaxNames = 128;

    private static readonly ConcurrentDictionary<string, Encoding?> Known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The encoding the part's charset names, or null (no charset, or one MimeKit cannot load).</summary>
    public static Encoding? Of(ContentType type)
    {
        var name = type.Charset;
        if (name is null)
        {
            return null;
        }

        if (Known.TryGetValue(name, out var known))
        {
            return known;
        }

        var encoding = type.CharsetEncoding;
        if (Known.Count < MaxNames)
        {
            Known.TryAdd(name, encoding);
        }

        return encoding;
    }

    /// <summary>
    /// True when decoding <paramref name="bytes"/> with <paramref name="encoding"/> is certain to throw: an
    /// exception-fallback ASCII or UTF-8 decoder given bytes that are not ASCII or not UTF-8. False means "try".
    /// </summary>
    public static bool Refuses(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        if (encoding.DecoderFallback is not DecoderExceptionFallback)
        {
            return false;
        }

        return encoding.CodePage switch
        {
            20127 => !Ascii.IsValid(bytes),
            65001 => !System.Text.Unicode.Utf8.IsValid(bytes),
            _ => false,
        };
    }
}
