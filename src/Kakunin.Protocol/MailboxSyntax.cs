using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kakunin.Protocol;

/// <summary>A cursor over RFC 5321 §4.1.2 mailbox syntax, with the RFC 6531 §3.3 extensions.</summary>
internal struct MailboxSyntax(string text, int position, MailboxParseOptions options)
{
    public const int MaxLocalPartOctets = 64;   // RFC 5321 §4.5.3.1.1
    public const int MaxDomainOctets = 255;     // RFC 5321 §4.5.3.1.2
    public const int MaxLabelOctets = 63;       // RFC 1035 §2.3.4
    public const int MaxPathOctets = 256;       // RFC 5321 §4.5.3.1.3

    public int Position { get; private set; } = position;

    public bool TryReadMailbox(out string localPart, out string domain, out AddressError error)
    {
        domain = string.Empty;
        var start = Position;
        if (!TryReadLocalPart(out localPart, out error))
        {
            return false;
        }

        if (Mailbox.Octets(text[start..Position]) > MaxLocalPartOctets)
        {
            error = AddressError.LocalPartTooLong;
            return false;
        }

        if (Position >= text.Length || text[Position] != '@')
        {
            error = AddressError.MissingAt;
            return false;
        }

        Position++;
        var domainStart = Position;
        if (Position < text.Length && text[Position] == '[')
        {
            var close = text.IndexOf(']', Position);
            if (close < 0)
            {
                error = AddressError.InvalidAddressLiteral;
                return false;
            }

            domain = text[domainStart..(close + 1)];
            Position = close + 1;
            error = CheckAddressLiteral(domain);
            return error == AddressError.None;
        }

        while (Position < text.Length && IsDomainChar(text[Position]))
        {
            Position++;
        }

        domain = text[domainStart..Position];
        error = CheckDomainName(domain, options);
        return error == AddressError.None;
    }

    private bool TryReadLocalPart(out string localPart, out AddressError error)
    {
        localPart = string.Empty;
        error = AddressError.None;
        if (Position < text.Length && text[Position] == '"')
        {
            // RFC 5321 §4.1.2: Quoted-string = DQUOTE *QcontentSMTP DQUOTE
            var sb = new StringBuilder();
            Position++;
            while (Position < text.Length)
            {
                var c = text[Position];
                if (c == '"')
                {
                    Position++;
                    localPart = sb.ToString();
                    return true;
                }

                if (c == '\\')
                {
                    // quoted-pairSMTP = %d92 %d32-126
                    if (Position + 1 >= text.Length || text[Position + 1] is < ' ' or > '~')
                    {
                        error = AddressError.InvalidLocalPart;
                        return false;
                    }

                    sb.Append(text[Position + 1]);
                    Position += 2;
                    continue;
                }

                // qtextSMTP = %d32-33 / %d35-91 / %d93-126, plus UTF8-non-ascii (RFC 6531 §3.3)
                if (!TryTakeNonAscii(sb, out error))
                {
                    if (error != AddressError.None)
                    {
                        return false;
                    }

                    if (c is < ' ' or > '~')
                    {
                        error = AddressError.InvalidLocalPart;
                        return false;
                    }

                    sb.Append(c);
                    Position++;
                }
            }

            error = AddressError.InvalidLocalPart; // no closing quote
            return false;
        }

        // Dot-string = Atom *("." Atom)
        var start = Position;
        var atomLength = 0;
        var lastWasDot = false;
        var scratch = new StringBuilder();
        while (Position < text.Length)
        {
            var c = text[Position];
            if (c == '.')
            {
                if (atomLength == 0)
                {
                    error = AddressError.InvalidLocalPart;
                    return false;
                }

                atomLength = 0;
                lastWasDot = true;
                Position++;
            }
            else if (IsAtext(c))
            {
                atomLength++;
                lastWasDot = false;
                Position++;
            }
            else if (c > '~')
            {
                if (!TryTakeNonAscii(scratch, out error))
                {
                    if (error == AddressError.None)
                    {
                        error = AddressError.InvalidLocalPart;
                    }

                    return false;
                }

                atomLength++;
                lastWasDot = false;
            }
            else
            {
                break;
            }
        }

        if (Position == start || lastWasDot)
        {
            error = AddressError.InvalidLocalPart;
            return false;
        }

        localPart = text[start..Position];
        return true;
    }

    /// <summary>Takes one non-ASCII scalar value (RFC 6531 §3.3 UTF8-non-ascii) if allowed.</summary>
    private bool TryTakeNonAscii(StringBuilder sb, out AddressError error)
    {
        error = AddressError.None;
        if (text[Position] <= '~' || text[Position] == '\u007F')
        {
            return false;
        }

        if (!Rune.TryGetRuneAt(text, Position, out var rune) || rune.Value is >= 0x80 and <= 0x9F)
        {
            error = AddressError.InvalidLocalPart; // lone surrogate or C1 control
            return false;
        }

        if (!options.AllowUtf8)
        {
            error = AddressError.NonAsciiNotPermitted;
            return false;
        }

        sb.Append(rune.ToString());
        Position += rune.Utf16SequenceLength;
        return true;
    }

    public static AddressError CheckUnquotedLocalPart(string localPart, MailboxParseOptions options)
    {
        if (localPart.Length == 0)
        {
            return AddressError.InvalidLocalPart; // Quoted-string may be empty, but Kakunin refuses "" as a mailbox.
        }

        var formatted = FormatLocalPart(localPart);
        var reader = new MailboxSyntax(formatted, 0, options);
        if (!reader.TryReadLocalPart(out var roundTrip, out var error))
        {
            return error;
        }

        if (reader.Position != formatted.Length || roundTrip != localPart)
        {
            return AddressError.InvalidLocalPart;
        }

        return Mailbox.Octets(formatted) > MaxLocalPartOctets ? AddressError.LocalPartTooLong : AddressError.None;
    }

    public static AddressError CheckDomain(string domain, MailboxParseOptions options) =>
        domain.StartsWith('[') ? CheckAddressLiteral(domain) : CheckDomainName(domain, options);

    private static AddressError CheckDomainName(string domain, MailboxParseOptions options)
    {
        if (domain.Length == 0)
        {
            return AddressError.InvalidDomain;
        }

        if (Mailbox.Octets(domain) > MaxDomainOctets)
        {
            return AddressError.DomainTooLong;
        }

        var ascii = Ascii.IsValid(domain);
        if (!ascii && !options.AllowUtf8)
        {
            return AddressError.NonAsciiNotPermitted;
        }

        foreach (var label in domain.Split('.'))
        {
            if (label.Length == 0)
            {
                return AddressError.InvalidDomain;
            }

            if (Ascii.IsValid(label))
            {
                // sub-domain = Let-dig [Ldh-str]: letters, digits, hyphens; no hyphen at either end.
                if (label.Length > MaxLabelOctets)
                {
                    return AddressError.DomainTooLong;
                }

                if (label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return AddressError.InvalidDomain;
                }
            }
        }

        // RFC 5890 §2.3.2: U-labels and A-labels must convert; IdnMapping also applies the
        // STD3 rules and the 63-octet label limit to the A-label form.
        if (!ascii || domain.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            if (!DomainNames.TryToAscii(domain, out var aLabels) || !DomainNames.TryToUnicode(aLabels, out _))
            {
                return AddressError.InvalidDomain;
            }

            if (aLabels.Length > MaxDomainOctets)
            {
                return AddressError.DomainTooLong;
            }
        }

        return AddressError.None;
    }

    private static AddressError CheckAddressLiteral(string literal)
    {
        // RFC 5321 §4.1.3: "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
        if (literal.Length < 3 || literal[0] != '[' || literal[^1] != ']')
        {
            return AddressError.InvalidAddressLiteral;
        }

        var inner = literal[1..^1];
        if (inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            var v6 = inner[5..];
            return v6.Length > 0 && v6.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
                && IPAddress.TryParse(v6, out var ip6) && ip6.AddressFamily == AddressFamily.InterNetworkV6
                ? AddressError.None
                : AddressError.InvalidAddressLiteral;
        }

        // IPv4-address-literal = Snum 3("." Snum); Snum = 1*3DIGIT, 0–255.
        var parts = inner.Split('.');
        if (parts.Length != 4)
        {
            return AddressError.InvalidAddressLiteral; // General-address-literal: no tag other than IPv6 is registered.
        }

        foreach (var part in parts)
        {
            if (part.Length is < 1 or > 3 || !part.All(char.IsAsciiDigit) || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return AddressError.InvalidAddressLiteral;
            }
        }

        return AddressError.None;
    }

    /// <summary>Writes a local part as a Dot-string when it is one, else as a Quoted-string.</summary>
    public static string FormatLocalPart(string localPart)
    {
        if (IsDotString(localPart))
        {
            return localPart;
        }

        var sb = new StringBuilder(localPart.Length + 2).Append('"');
        foreach (var c in localPart)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\'); // quoted-pairSMTP, RFC 5321 §4.1.2
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

    private static bool IsDotString(string s)
    {
        if (s.Length == 0 || s[0] == '.' || s[^1] == '.' || s.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c != '.' && !IsAtext(c) && c <= '\u009F')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 5322 §3.2.3 atext (ASCII part).</summary>
    public static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';

    private static bool IsDomainChar(char c) => c > '~' || char.IsAsciiLetterOrDigit(c) || c is '-' or '.';
}
