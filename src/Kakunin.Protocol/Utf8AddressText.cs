using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Kakunin.Protocol;

/// <summary>
/// The two encodings of a UTF-8 address in RFC 6533 §3: <c>utf-8-addr-xtext</c> (pure ASCII,
/// safe in ORCPT even without SMTPUTF8) and <c>utf-8-addr-unitext</c> (non-ASCII kept as UTF-8).
/// Characters outside QCHAR are written <c>\x{HEXPOINT}</c>.
/// </summary>
/// <remarks>
/// Encoding always gives the shortest upper-case HEXPOINT. Decoding accepts exactly the
/// HEXPOINT forms of RFC 6533 §3 (so <c>\x{41}</c> for "A", leading zeros and surrogates are
/// rejected); hex letters may be lower case, as ABNF quoted strings are case-insensitive
/// (RFC 5234 §2.3). Only these code points are representable: QCHAR, U+0001–U+0009, U+0010–U+0019,
/// space, "+", "=", "\", DEL and every non-ASCII scalar value.
/// <c>Decode(Encode(s)) == s</c> for every representable string.
/// </remarks>
public static class Utf8AddressText
{
    /// <summary>RFC 6533 §3 QCHAR: %x21-2a / %x2c-3c / %x3e-5b / %x5d-7e (printable ASCII but "+", "=", "\").</summary>
    public static bool IsQchar(int c) => c is >= 0x21 and <= 0x7E and not '+' and not '=' and not '\\';

    /// <summary>Encodes as utf-8-addr-xtext: ASCII only.</summary>
    public static bool TryEncodeXtext(string value, [NotNullWhen(true)] out string? encoded) => TryEncode(value, keepNonAscii: false, out encoded);

    /// <summary>Encodes as utf-8-addr-unitext: non-ASCII characters stay as they are.</summary>
    public static bool TryEncodeUnitext(string value, [NotNullWhen(true)] out string? encoded) => TryEncode(value, keepNonAscii: true, out encoded);

    /// <summary>Decodes utf-8-addr-xtext (non-ASCII input is refused).</summary>
    public static bool TryDecodeXtext(string text, [NotNullWhen(true)] out string? value) => TryDecode(text, allowNonAscii: false, out value);

    /// <summary>Decodes utf-8-addr-unitext (which includes every utf-8-addr-xtext).</summary>
    public static bool TryDecodeUnitext(string text, [NotNullWhen(true)] out string? value) => TryDecode(text, allowNonAscii: true, out value);

    private static bool TryEncode(string value, bool keepNonAscii, [NotNullWhen(true)] out string? encoded)
    {
        ArgumentNullException.ThrowIfNull(value);
        encoded = null;
        if (value.Length == 0)
        {
            return false; // RFC 6533 §3: 1*( … )
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length;)
        {
            if (!Rune.TryGetRuneAt(value, i, out var rune))
            {
                return false; // a lone surrogate
            }

            i += rune.Utf16SequenceLength;
            var v = rune.Value;
            if (IsQchar(v) || (keepNonAscii && v > 0x7F))
            {
                sb.Append(rune.ToString());
            }
            else if (IsHexPoint(v))
            {
                // RFC 6533 §3: code points below 0x100 use the 2-digit forms ("06", not "6").
                sb.Append("\\x{").Append(v.ToString(v < 0x100 ? "X2" : "X", CultureInfo.InvariantCulture)).Append('}');
            }
            else
            {
                return false;
            }
        }

        encoded = sb.ToString();
        return true;
    }

    private static bool TryDecode(string text, bool allowNonAscii, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        if (text.Length == 0)
        {
            return false;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                // RFC 6533 §3: EmbeddedUnicodeChar = %x5C.78 "{" HEXPOINT "}" — "\x" is case-sensitive.
                var close = text.IndexOf('}', i);
                if (i + 3 >= text.Length || text[i + 1] != 'x' || text[i + 2] != '{' || close < 0)
                {
                    return false;
                }

                var hex = text.AsSpan(i + 3, close - i - 3);
                if (!TryParseHexPoint(hex, out var cp))
                {
                    return false;
                }

                sb.Append(char.ConvertFromUtf32(cp));
                i = close + 1;
                continue;
            }

            if (!Rune.TryGetRuneAt(text, i, out var rune))
            {
                return false;
            }

            if (!IsQchar(rune.Value) && !(allowNonAscii && rune.Value > 0x7F))
            {
                return false;
            }

            sb.Append(rune.ToString());
            i += rune.Utf16SequenceLength;
        }

        value = sb.ToString();
        return true;
    }

    /// <summary>The code points HEXPOINT can name (RFC 6533 §3).</summary>
    private static bool IsHexPoint(int v) =>
        v is (>= 0x01 and <= 0x09) or (>= 0x10 and <= 0x19) or 0x20 or 0x2B or 0x3D or 0x7F or 0x5C
        || (v >= 0x80 && v <= 0x10FFFF && v is < 0xD800 or > 0xDFFF);

    private static bool TryParseHexPoint(ReadOnlySpan<char> hex, out int codePoint)
    {
        codePoint = 0;
        if (hex.Length is < 2 or > 6)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!HexDigits.TryAnyCase(c, out var d))
            {
                return false;
            }

            codePoint = (codePoint << 4) | d;
        }

        // The shortest form only: RFC 6533 §3 allows a leading "0" or "1" solely in 2-digit
        // forms 01–19 and in 6-digit forms starting "10"; 3–5 digit forms start with a non-zero digit.
        var minimalLength = codePoint < 0x100 ? 2 : codePoint.ToString("X", CultureInfo.InvariantCulture).Length;
        return hex.Length == minimalLength && IsHexPoint(codePoint);
    }
}
