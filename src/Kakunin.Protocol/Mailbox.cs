using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kakunin.Protocol;

/// <summary>
/// An SMTP mailbox, <c>Local-part "@" ( Domain / address-literal )</c> (RFC 5321 §4.1.2),
/// with UTF-8 local parts and U-labels when SMTPUTF8 allows them (RFC 6531 §3.3).
/// </summary>
/// <remarks>
/// <see cref="LocalPart"/> is the unquoted value: <c>"john doe"@example.com</c> has local part
/// <c>john doe</c>. The local part is compared case-sensitively and the domain case-insensitively
/// (RFC 5321 §2.4). A-label and U-label spellings of a domain are not treated as equal.
/// </remarks>
public sealed record Mailbox
{
    private Mailbox(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
    }

    /// <summary>The local part, unquoted.</summary>
    public string LocalPart { get; }

    /// <summary>The domain as written: a domain name (A- or U-labels) or an address literal with its brackets.</summary>
    public string Domain { get; }

    /// <summary>True when the domain is an address literal such as <c>[192.0.2.1]</c>.</summary>
    public bool IsAddressLiteral => Domain.StartsWith('[');

    /// <summary>True when the mailbox has non-ASCII characters and so needs SMTPUTF8 (RFC 6531 §3.3).</summary>
    public bool RequiresSmtpUtf8 => !Ascii.IsValid(LocalPart) || !Ascii.IsValid(Domain);

    /// <summary>The local part as written on the wire: a Dot-string when possible, else a Quoted-string.</summary>
    public string FormattedLocalPart => MailboxSyntax.FormatLocalPart(LocalPart);

    /// <summary>Creates a mailbox from an unquoted local part and a domain, checking both.</summary>
    public static bool TryCreate(string localPart, string domain, MailboxParseOptions options, [NotNullWhen(true)] out Mailbox? mailbox, out AddressError error)
    {
        ArgumentNullException.ThrowIfNull(localPart);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(options);
        mailbox = null;
        error = MailboxSyntax.CheckUnquotedLocalPart(localPart, options);
        if (error == AddressError.None)
        {
            error = MailboxSyntax.CheckDomain(domain, options);
        }

        if (error != AddressError.None)
        {
            return false;
        }

        mailbox = new Mailbox(localPart, domain);
        return true;
    }

    /// <summary>Parses <c>local@domain</c> (no angle brackets), the whole text.</summary>
    public static bool TryParse(string? text, MailboxParseOptions options, [NotNullWhen(true)] out Mailbox? mailbox, out AddressError error)
    {
        ArgumentNullException.ThrowIfNull(options);
        mailbox = null;
        if (string.IsNullOrEmpty(text))
        {
            error = AddressError.Empty;
            return false;
        }

        var reader = new MailboxSyntax(text, 0, options);
        if (!reader.TryReadMailbox(out var local, out var domain, out error))
        {
            return false;
        }

        if (reader.Position != text.Length)
        {
            error = AddressError.InvalidDomain;
            return false;
        }

        mailbox = new Mailbox(local, domain);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> naming the <see cref="AddressError"/>.</summary>
    public static Mailbox Parse(string text, MailboxParseOptions? options = null) =>
        TryParse(text, options ?? MailboxParseOptions.Ascii, out var m, out var e) ? m : throw new FormatException($"Not a mailbox ({e}): '{text}'.");

    /// <summary>The same mailbox with the domain converted to A-labels (RFC 5891), unchanged for address literals.</summary>
    public bool TryWithAsciiDomain([NotNullWhen(true)] out Mailbox? mailbox)
    {
        mailbox = null;
        if (IsAddressLiteral)
        {
            mailbox = this;
            return true;
        }

        if (!DomainNames.TryToAscii(Domain, out var ascii))
        {
            return false;
        }

        mailbox = new Mailbox(LocalPart, ascii);
        return true;
    }

    /// <summary>The same mailbox with A-labels converted to U-labels, for display or SMTPUTF8 peers.</summary>
    public bool TryWithUnicodeDomain([NotNullWhen(true)] out Mailbox? mailbox)
    {
        mailbox = null;
        if (IsAddressLiteral)
        {
            mailbox = this;
            return true;
        }

        if (!DomainNames.TryToUnicode(Domain, out var unicode))
        {
            return false;
        }

        mailbox = new Mailbox(LocalPart, unicode);
        return true;
    }

    /// <summary>The mailbox as written in a path, e.g. <c>"john doe"@example.com</c>.</summary>
    public override string ToString() => $"{FormattedLocalPart}@{Domain}";

    public bool Equals(Mailbox? other) =>
        other is not null
        && string.Equals(LocalPart, other.LocalPart, StringComparison.Ordinal)
        && string.Equals(Domain, other.Domain, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(LocalPart), StringComparer.OrdinalIgnoreCase.GetHashCode(Domain));

    /// <summary>Length in octets on the wire (UTF-8), as RFC 5321 §4.5.3.1 counts.</summary>
    internal static int Octets(string s) => Encoding.UTF8.GetByteCount(s);
}
