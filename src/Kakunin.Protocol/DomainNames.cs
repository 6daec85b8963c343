using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kakunin.Protocol;

/// <summary>
/// IDN conversion between U-labels and A-labels (RFC 5890/5891) with
/// <see cref="IdnMapping"/>; it works with InvariantGlobalization=true on .NET 10.
/// </summary>
public static class DomainNames
{
    private static readonly IdnMapping Mapping = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>
    /// The one form a domain is compared and keyed in (<see cref="MailboxIdentity"/>): trimmed, without a trailing
    /// root dot, A-labels (RFC 5891 §5: U-labels converted), lower case (RFC 5321 §2.4: domains are case-insensitive).
    /// An address literal, or a name IDNA refuses (an underscore label, say), is only lower-cased.
    /// </summary>
    public static string Canonical(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var d = domain.Trim().TrimEnd('.');
        if (d.StartsWith('[') || System.Text.Ascii.IsValid(d))
        {
            return d.ToLowerInvariant(); // ASCII needs no mapping: A-labels are ASCII already
        }

        return TryToAscii(d, out var ascii) ? ascii.ToLowerInvariant() : d.ToLowerInvariant();
    }

    /// <summary>Converts a domain with U-labels to its all-ASCII form ("日本語.jp" → "xn--wgv71a119e.jp").</summary>
    public static bool TryToAscii(string domain, [NotNullWhen(true)] out string? ascii)
    {
        ascii = null;
        try
        {
            ascii = Mapping.GetAscii(domain);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Converts a domain with A-labels to U-labels ("xn--wgv71a119e.jp" → "日本語.jp").</summary>
    public static bool TryToUnicode(string domain, [NotNullWhen(true)] out string? unicode)
    {
        unicode = null;
        try
        {
            unicode = Mapping.GetUnicode(domain);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
