using System.Globalization;
using System.Text;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// The encodings of the RFC 6533 §3 <c>utf-8</c> address type, kept internal here (the Protocol
/// project is getting shared xtext / utf-8-addr codecs; this one can then give way to them).
/// <list type="bullet">
/// <item><c>utf-8-addr-unitext = 1*(QUCHAR / EmbeddedUnicodeChar)</c>: UTF-8 as is, used in
/// message/global-delivery-status.</item>
/// <item><c>utf-8-addr-xtext = 1*(QCHAR / EmbeddedUnicodeChar)</c>: ASCII only, used in ORCPT and
/// in a non-global message/delivery-status.</item>
/// </list>
/// QCHAR is printable ASCII other than "+", "=" and "\"; everything else is written as
/// <c>\x{HEXPOINT}</c> (upper-case hex, no leading zeros beyond two digits).
/// </summary>
internal static class Utf8AddressText
{
    public const string AddressType = "utf-8";

    /// <summary>utf-8-addr-unitext: only "+", "=", "\" and controls are escaped.</summary>
    public static string EncodeUnitext(string address) => Encode(address, escapeNonAscii: false);

    /// <summary>utf-8-addr-xtext: non-ASCII escaped as well.</summary>
    public static string EncodeXtext(string address) => Encode(address, escapeNonAscii: true);

    /// <summary>Undoes <c>\x{HEX}</c> escapes; anything else is kept as it is (lenient).</summary>
    public static string Decode(string text)
    {
        if (!text.Contains("\\x{", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] is 'x' or 'X' && text[i + 2] == '{')
            {
                var close = text.IndexOf('}', i + 3);
                if (close > i + 3 && close - (i + 3) <= 6
                    && int.TryParse(text.AsSpan(i + 3, close - (i + 3)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                    && cp <= 0x10FFFF && cp is < 0xD800 or > 0xDFFF)
                {
                    sb.Append(char.ConvertFromUtf32(cp));
                    i = close + 1;
                    continue;
                }
            }

            sb.Append(text[i]);
            i++;
        }

        return sb.ToString();
    }

    private static string Encode(string address, bool escapeNonAscii)
    {
        var sb = new StringBuilder(address.Length);
        foreach (var rune in address.EnumerateRunes())
        {
            var v = rune.Value;
            // RFC 6533 §3: QCHAR = %x21-2a / %x2c-3c / %x3e-5b / %x5d-7e; QUCHAR adds UTF-8 non-ASCII.
            var plain = v is >= 0x21 and <= 0x7E and not ('+' or '=' or '\\') || (v > 0x7F && !escapeNonAscii);
            if (plain)
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append("\\x{").Append(v.ToString(v > 0xFF ? "X" : "X2", CultureInfo.InvariantCulture)).Append('}');
            }
        }

        return sb.ToString();
    }
}
