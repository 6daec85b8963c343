using System.Text;

namespace Kakunin.Imap.Protocol;

/// <summary>Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3) unless the client enabled UTF8=ACCEPT (RFC 6855).</summary>
/// <remarks>
/// RFC 3501 §5.1.3: printable US-ASCII (0x20–0x7E) stands for itself except "&amp;", written "&amp;-"; every other
/// run of characters is "&amp;", the UTF-16BE code units in BASE64 with "," for "/" and no "=" padding, then "-".
/// </remarks>
public static class MailboxNames
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    /// <summary>Encodes a folder name in modified UTF-7.</summary>
    public static string ToModifiedUtf7(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var output = new StringBuilder(name.Length + 8);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c == '&')
            {
                output.Append("&-");
                i++;
            }
            else if (IsDirect(c))
            {
                output.Append(c);
                i++;
            }
            else
            {
                // One shift for the whole run of characters that cannot stand for themselves (RFC 3501 §5.1.3).
                var start = i;
                while (i < name.Length && !IsDirect(name[i]) && name[i] != '&')
                {
                    i++;
                }

                output.Append('&');
                AppendBase64(output, name.AsSpan(start, i - start));
                output.Append('-');
            }
        }

        return output.ToString();
    }

    /// <summary>Decodes a modified UTF-7 name; null when it is not valid modified UTF-7 (the server answers BAD).</summary>
    /// <remarks>
    /// Strict: only the one canonical spelling of a name is accepted, so two spellings never name one folder. Refused:
    /// octets outside printable ASCII, a shift without its "-", BASE64 that spells printable ASCII, adjacent shifts,
    /// a shift that ends with leftover non-zero bits or half a UTF-16 unit, "=" padding, and unpaired surrogates.
    /// </remarks>
    public static string? FromModifiedUtf7(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var output = new StringBuilder(encoded.Length);
        var i = 0;
        var previousWasShift = false;
        while (i < encoded.Length)
        {
            var c = encoded[i];
            if (!IsDirect(c) && c != '&')
            {
                return null;
            }

            if (c != '&')
            {
                output.Append(c);
                i++;
                previousWasShift = false;
                continue;
            }

            var end = encoded.IndexOf('-', i + 1);
            if (end < 0)
            {
                return null;
            }

            if (end == i + 1)
            {
                output.Append('&');
                i = end + 1;
                previousWasShift = false;
                continue;
            }

            // Two shifts in a row would be one shift in the canonical form.
            if (previousWasShift || !TryDecodeRun(encoded.AsSpan(i + 1, end - i - 1), output))
            {
                return null;
            }

            i = end + 1;
            previousWasShift = true;
        }

        return output.ToString();
    }

    private static bool IsDirect(char c) => c is >= ' ' and <= '~';

    private static void AppendBase64(StringBuilder output, ReadOnlySpan<char> run)
    {
        var bits = 0;
        var bitCount = 0;
        foreach (var unit in run)
        {
            bits = (bits << 16) | unit;
            bitCount += 16;
            while (bitCount >= 6)
            {
                bitCount -= 6;
                output.Append(Alphabet[(bits >> bitCount) & 0x3F]);
            }

            bits &= (1 << bitCount) - 1;
        }

        if (bitCount > 0)
        {
            output.Append(Alphabet[(bits << (6 - bitCount)) & 0x3F]);
        }
    }

    private static bool TryDecodeRun(ReadOnlySpan<char> base64, StringBuilder output)
    {
        var units = new List<char>(base64.Length * 6 / 16);
        var bits = 0;
        var bitCount = 0;
        foreach (var c in base64)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            bits = (bits << 6) | value;
            bitCount += 6;
            if (bitCount >= 16)
            {
                bitCount -= 16;
                units.Add((char)((bits >> bitCount) & 0xFFFF));
                bits &= (1 << bitCount) - 1;
            }
        }

        // What is left must be padding: fewer than 6 bits (else a whole sextet was spare), all zero.
        if (bitCount >= 6 || bits != 0 || units.Count == 0)
        {
            return false;
        }

        for (var k = 0; k < units.Count; k++)
        {
            var unit = units[k];
            if (IsDirect(unit) || unit == '&')
            {
                return false;
            }

            if (char.IsHighSurrogate(unit))
            {
                if (k + 1 >= units.Count || !char.IsLowSurrogate(units[k + 1]))
                {
                    return false;
                }

                output.Append(unit).Append(units[++k]);
            }
            else if (char.IsLowSurrogate(unit))
            {
                return false;
            }
            else
            {
                output.Append(unit);
            }
        }

        return true;
    }
}
