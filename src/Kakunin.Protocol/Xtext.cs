using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kakunin.Protocol;

/// <summary>
/// The xtext encoding of RFC 3461 §4: printable ASCII <c>!</c>..<c>~</c> except <c>+</c> and
/// <c>=</c> stand for themselves; every other octet is <c>+XX</c> with two upper-case hex digits.
/// </summary>
/// <remarks>
/// Decoding is strict: RFC 3461 §4 says "two upper case hexadecimal digits", so <c>+2b</c> is
/// rejected, as are a bare <c>+</c>, <c>=</c>, spaces and controls. Decoded octets are read as
/// Latin-1 (one char per octet), so any octet string round-trips; DSN values are ASCII anyway.
/// <c>Decode(Encode(s)) == s</c> for every string of chars U+0000..U+00FF.
/// </remarks>
public static class Xtext
{
    /// <summary>True for an xchar (RFC 3461 §4): "!" to "~" except "+" and "=".</summary>
    public static bool IsXchar(char c) => c is >= '!' and <= '~' and not '+' and not '=';

    /// <summary>Encodes chars U+0000..U+00FF as xtext.</summary>
    /// <exception cref="ArgumentException">A char above U+00FF (encode UTF-8 first, or use <see cref="Utf8AddressText"/>).</exception>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (IsXchar(c))
            {
                sb.Append(c);
            }
            else if (c <= 0xFF)
            {
                sb.Append('+').Append(HexDigits.Upper[c >> 4]).Append(HexDigits.Upper[c & 0xF]);
            }
            else
            {
                throw new ArgumentException("xtext encodes octets; the value has a char above U+00FF.", nameof(value));
            }
        }

        return sb.ToString();
    }

    /// <summary>True when <paramref name="text"/> is syntactically valid xtext (RFC 3461 §4).</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => TryDecode(text, out _);

    /// <summary>Decodes strict xtext; false on any character or escape RFC 3461 §4 does not allow.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out string? value)
    {
        value = null;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+')
            {
                // RFC 3461 §4: hexchar = "+" followed by two upper case hexadecimal digits.
                if (i + 2 >= text.Length || !HexDigits.TryUpper(text[i + 1], out var hi) || !HexDigits.TryUpper(text[i + 2], out var lo))
                {
                    return false;
                }

                sb.Append((char)((hi << 4) | lo));
                i += 2;
            }
            else if (IsXchar(c))
            {
                sb.Append(c);
            }
            else
            {
                return false;
            }
        }

        value = sb.ToString();
        return true;
    }
}
