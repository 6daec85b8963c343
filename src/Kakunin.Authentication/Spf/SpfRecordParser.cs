using System.Globalization;
using System.Net;

namespace Kakunin.Authentication.Spf;

/// <summary>
/// The SPF record grammar of RFC 7208 §4.5 and §12. A whole record is checked before any term is evaluated:
/// "If there are any syntax errors anywhere in the record, check_host() returns immediately with the result
/// 'permerror'" (§4.6).
/// </summary>
internal static class SpfRecordParser
{
    private const string Version = "v=spf1";

    /// <summary>RFC 7208 §4.5: a record begins with exactly "v=spf1" followed by a space or the end (case-insensitive).</summary>
    public static bool IsSpfRecord(string txt) =>
        txt.StartsWith(Version, StringComparison.OrdinalIgnoreCase) && (txt.Length == Version.Length || txt[Version.Length] == ' ');

    /// <summary>Parses a record selected by <see cref="IsSpfRecord"/>; null with <paramref name="error"/> on a syntax error.</summary>
    public static SpfRecord? Parse(string txt, out string? error)
    {
        error = null;
        var directives = new List<SpfDirective>();
        string? redirect = null, explanation = null;
        // RFC 7208 §12: terms are separated by one or more SP (only SP, not tabs).
        foreach (var term in txt[Version.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ModifierName(term) is { } name)
            {
                var value = term[(name.Length + 1)..];
                switch (name.ToLowerInvariant())
                {
                    case "redirect":
                    case "exp":
                        // RFC 7208 §6: "redirect" and "exp" each at most once; their value is a domain-spec.
                        if ((name.Equals("redirect", StringComparison.OrdinalIgnoreCase) ? redirect : explanation) is not null)
                            return FailRecord(out error, $"'{name}' appears twice");
                        if (!IsDomainSpec(value))
                            return FailRecord(out error, $"'{term}' has no valid domain-spec");
                        if (name.Equals("redirect", StringComparison.OrdinalIgnoreCase)) redirect = value; else explanation = value;
                        break;
                    default:
                        // RFC 7208 §6: unknown modifiers are ignored, but their value must still be a macro-string.
                        if (!SpfMacro.IsValid(value, explanation: false))
                            return FailRecord(out error, $"'{term}' has an invalid macro-string");
                        break;
                }
                continue;
            }

            if (ParseDirective(term, out error) is not { } directive) return null;
            directives.Add(directive);
        }

        return new SpfRecord(directives, redirect, explanation);
    }

    private static SpfDirective? ParseDirective(string term, out string? error)
    {
        error = null;
        var qualifier = term[0] switch
        {
            '+' => AuthResult.Pass,
            '-' => AuthResult.Fail,
            '~' => AuthResult.SoftFail,
            '?' => AuthResult.Neutral,
            _ => (AuthResult?)null,
        };
        var body = qualifier is null ? term : term[1..];
        var nameEnd = body.IndexOfAny([':', '/']);
        var name = (nameEnd < 0 ? body : body[..nameEnd]).ToLowerInvariant();
        var rest = nameEnd < 0 ? "" : body[nameEnd..];
        var result = qualifier ?? AuthResult.Pass; // RFC 7208 §4.6.2: the default qualifier is "+"

        switch (name)
        {
            case "all":
                return rest.Length == 0 ? new SpfDirective(result, SpfMechanism.All) : Fail(out error, $"'{term}' takes no argument");
            case "include":
            case "exists":
                // RFC 7208 §5.2, §5.7: a domain-spec is required.
                if (!rest.StartsWith(':') || !IsDomainSpec(rest[1..])) return Fail(out error, $"'{term}' needs a valid domain-spec");
                return new SpfDirective(result, name == "include" ? SpfMechanism.Include : SpfMechanism.Exists, rest[1..]);
            case "ptr":
                if (rest.Length == 0) return new SpfDirective(result, SpfMechanism.Ptr);
                if (!rest.StartsWith(':') || !IsDomainSpec(rest[1..])) return Fail(out error, $"'{term}' has an invalid domain-spec");
                return new SpfDirective(result, SpfMechanism.Ptr, rest[1..]);
            case "a":
            case "mx":
                return ParseAddressMechanism(result, name == "a" ? SpfMechanism.A : SpfMechanism.Mx, term, rest, out error);
            case "ip4":
            case "ip6":
                return ParseNetwork(result, name == "ip6", term, rest, out error);
            default:
                return Fail(out error, $"unknown mechanism '{term}'");
        }
    }

    // RFC 7208 §5.3, §5.4: a / mx [ ":" domain-spec ] [ dual-cidr-length ].
    private static SpfDirective? ParseAddressMechanism(AuthResult result, SpfMechanism mechanism, string term, string rest, out string? error)
    {
        error = null;
        string? domain = null;
        if (rest.StartsWith(':'))
        {
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            domain = slash < 0 ? rest[1..] : rest[1..slash];
            rest = slash < 0 ? "" : rest[slash..];
            if (!IsDomainSpec(domain)) return Fail(out error, $"'{term}' has an invalid domain-spec");
        }

        if (!TryDualCidr(rest, out var cidr4, out var cidr6)) return Fail(out error, $"'{term}' has an invalid CIDR length");
        return new SpfDirective(result, mechanism, domain, null, cidr4, cidr6);
    }

    // RFC 7208 §5.6: ip4 ":" ip4-network [ ip4-cidr-length ], ip6 ":" ip6-network [ ip6-cidr-length ].
    private static SpfDirective? ParseNetwork(AuthResult result, bool v6, string term, string rest, out string? error)
    {
        error = null;
        if (!rest.StartsWith(':')) return Fail(out error, $"'{term}' needs an address");
        var value = rest[1..];
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value[..slash];
        var max = v6 ? 128 : 32;
        var length = max;
        if (slash >= 0 && !TryCidr(value[(slash + 1)..], max, out length)) return Fail(out error, $"'{term}' has an invalid CIDR length");
        if (!IPAddress.TryParse(addressText, out var address)
            || address.AddressFamily != (v6 ? System.Net.Sockets.AddressFamily.InterNetworkV6 : System.Net.Sockets.AddressFamily.InterNetwork)
            || (!v6 && addressText.Count(c => c == '.') != 3)) // IPAddress.TryParse takes "10" and "10.1" as IPv4: the RFC wants a dotted quad
        {
            return Fail(out error, $"'{term}' has an invalid address");
        }

        return new SpfDirective(result, v6 ? SpfMechanism.Ip6 : SpfMechanism.Ip4, null, new IPNetwork(Mask(address, length), length));
    }

    /// <summary>RFC 7208 §12 dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ].</summary>
    private static bool TryDualCidr(string text, out int cidr4, out int cidr6)
    {
        (cidr4, cidr6) = (32, 128);
        if (text.Length == 0) return true;
        if (text.StartsWith("//", StringComparison.Ordinal)) return TryCidr(text[2..], 128, out cidr6);
        if (!text.StartsWith('/')) return false;
        var second = text.IndexOf("//", StringComparison.Ordinal);
        if (second < 0) return TryCidr(text[1..], 32, out cidr4);
        return TryCidr(text[1..second], 32, out cidr4) && TryCidr(text[(second + 2)..], 128, out cidr6);
    }

    // ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT): no leading zeros, within range.
    private static bool TryCidr(string digits, int max, out int value)
    {
        value = 0;
        if (digits.Length == 0 || digits.Length > 3 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0')) return false;
        value = int.Parse(digits, CultureInfo.InvariantCulture);
        return value <= max;
    }

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    /// <summary>RFC 7208 §12: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) before "=" makes a term a modifier.</summary>
    private static string? ModifierName(string term)
    {
        var eq = term.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !char.IsAsciiLetter(term[0])) return null;
        for (var i = 1; i < eq; i++)
        {
            var c = term[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return null;
        }
        return term[..eq];
    }

    /// <summary>
    /// RFC 7208 §12: domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand.
    /// </summary>
    internal static bool IsDomainSpec(string spec)
    {
        if (spec.Length == 0 || !SpfMacro.IsValid(spec, explanation: false)) return false;
        if (SpfMacro.EndsWithMacroExpand(spec)) return true;
        var text = spec.EndsWith('.') ? spec[..^1] : spec;
        var dot = text.LastIndexOf('.');
        if (dot < 0) return false;
        var top = text[(dot + 1)..];
        if (top.Length == 0 || !top.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
        return top.Contains('-')
            ? char.IsAsciiLetterOrDigit(top[0]) && char.IsAsciiLetterOrDigit(top[^1])
            : top.Any(char.IsAsciiLetter);
    }

    private static SpfDirective? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }

    private static SpfRecord? FailRecord(out string? error, string message)
    {
        error = message;
        return null;
    }
}
