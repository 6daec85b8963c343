using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.Authentication.Spf;

/// <summary>
/// Macro expansion of RFC 7208 §7: %{letter digits r delimiters}, "%%", "%_" and "%-". Syntax is checked when a
/// record is parsed (<see cref="IsValid"/>), so <see cref="Expand"/> only meets macro-strings already known good.
/// </summary>
internal static class SpfMacro
{
    private const string Delimiters = ".-+,/_=";

    /// <summary>
    /// Whether <paramref name="text"/> is a macro-string (RFC 7208 §7.1); with <paramref name="explanation"/> false, the
    /// letters c, r and t (allowed only in "exp" text, §7.3) are refused, and so is a space.
    /// </summary>
    public static bool IsValid(string text, bool explanation)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 1 >= text.Length) return false;
                var next = text[i + 1];
                if (next is '%' or '_' or '-') { i++; continue; }
                if (next != '{') return false;
                var close = text.IndexOf('}', i + 2);
                if (close < 0 || !TryParseMacro(text.AsSpan(i + 2, close - i - 2), explanation, out _)) return false;
                i = close;
                continue;
            }
            // macro-literal = %x21-24 / %x26-7E; explain-string also allows SP.
            if (c is < '!' or > '~' && !(explanation && c == ' ')) return false;
        }
        return true;
    }

    /// <summary>RFC 7208 §12 domain-end may be a macro-expand: true when the spec ends with one.</summary>
    public static bool EndsWithMacroExpand(string spec)
    {
        if (spec.EndsWith('}'))
        {
            var open = spec.LastIndexOf("%{", StringComparison.Ordinal);
            return open >= 0 && spec.IndexOf('}', open) == spec.Length - 1;
        }
        // "%%", "%_" and "%-" are macro-expands too; count the '%' before the last character to tell "%%" from "x%%%".
        if (spec.Length < 2 || spec[^2] != '%' || spec[^1] is not ('%' or '_' or '-')) return false;
        var percents = 0;
        for (var i = spec.Length - 2; i >= 0 && spec[i] == '%'; i--) percents++;
        return percents % 2 == 1;
    }

    /// <summary>Whether <paramref name="text"/> uses the "p" macro (whose value needs DNS lookups first).</summary>
    public static bool UsesValidatedName(string text) =>
        text.Contains("%{p", StringComparison.OrdinalIgnoreCase);

    /// <summary>Expands a macro-string checked by <see cref="IsValid"/>.</summary>
    public static string Expand(string text, SpfMacroContext context)
    {
        var sb = new StringBuilder(text.Length + 32);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case '%': sb.Append('%'); continue;
                case '_': sb.Append(' '); continue;
                case '-': sb.Append("%20"); continue;
            }

            var close = text.IndexOf('}', i);
            TryParseMacro(text.AsSpan(i + 1, close - i - 1), explanation: true, out var macro);
            sb.Append(Apply(macro, Value(char.ToLowerInvariant(macro.Letter), context)));
            i = close;
        }
        return sb.ToString();
    }

    /// <summary>RFC 7208 §7.3: the value of each macro letter.</summary>
    private static string Value(char letter, SpfMacroContext context) => letter switch
    {
        's' => context.Sender,
        'l' => context.LocalPart,
        'o' => context.SenderDomain,
        'd' => context.Domain,
        'i' => DottedAddress(context.Client),
        'p' => context.ValidatedName ?? "unknown",
        'v' => context.Client.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6" : "in-addr",
        'h' => context.Helo,
        'c' => context.Client.ToString(), // "easily readable": dotted quad, or RFC 5952 text for IPv6
        'r' => context.Receiver,
        't' => context.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>RFC 7208 §7.3: for "i", IPv6 is written as 32 dot-separated nibbles; IPv4 as a dotted quad.</summary>
    private static string DottedAddress(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        var nibbles = new List<char>(32);
        foreach (var b in bytes)
        {
            nibbles.Add("0123456789abcdef"[b >> 4]);
            nibbles.Add("0123456789abcdef"[b & 0xF]);
        }
        return string.Join('.', nibbles);
    }

    /// <summary>RFC 7208 §7.3: split on the delimiters, optionally reverse, keep the rightmost N parts, join with ".", URL-escape for upper-case letters.</summary>
    private static string Apply(Macro macro, string value)
    {
        var delimiters = macro.Delimiters.Length > 0 ? macro.Delimiters : ".";
        var parts = value.Split(delimiters.ToCharArray());
        if (macro.Reverse) Array.Reverse(parts);
        if (macro.Keep is { } keep && keep < parts.Length) parts = parts[^keep..];
        var joined = string.Join('.', parts);
        return char.IsUpper(macro.Letter) ? UrlEscape(joined) : joined;
    }

    // RFC 3986 §2.3 unreserved characters stay; every other octet of the UTF-8 form is %XX.
    private static string UrlEscape(string value)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private readonly record struct Macro(char Letter, int? Keep, bool Reverse, string Delimiters);

    // macro-letter transformers *delimiter, between "%{" and "}" (RFC 7208 §7.1).
    private static bool TryParseMacro(ReadOnlySpan<char> body, bool explanation, out Macro macro)
    {
        macro = default;
        if (body.Length == 0) return false;
        var letter = body[0];
        var lower = char.ToLowerInvariant(letter);
        if (!"slodiphv".Contains(lower, StringComparison.Ordinal) && !(explanation && "crt".Contains(lower, StringComparison.Ordinal))) return false;
        var i = 1;
        while (i < body.Length && char.IsAsciiDigit(body[i])) i++;
        int? keep = null;
        if (i > 1)
        {
            // "If a digit transformer is specified, the value MUST be nonzero" (§7.3); 128 parts is more than any name has.
            if (!int.TryParse(body[1..i], NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k == 0 || k > 128) return false;
            keep = k;
        }
        var reverse = i < body.Length && body[i] is 'r' or 'R';
        if (reverse) i++;
        var delimiters = body[i..];
        foreach (var d in delimiters)
            if (!Delimiters.Contains(d, StringComparison.Ordinal)) return false;
        macro = new Macro(letter, keep, reverse, delimiters.ToString());
        return true;
    }
}
