using System.Text;

namespace Kakunin.Reports.Receipts;

/// <summary>
/// Address comparison as RFC 8098 §2.1 prescribes for Disposition-Notification-To against
/// Return-Path: addr-spec only; local-part case-sensitive after removing quotes and
/// backslash escapes; domain case-insensitive.
/// </summary>
internal static class AddrSpec
{
    public static bool SameMailbox(string a, string b)
    {
        if (!Split(a, out var localA, out var domainA) || !Split(b, out var localB, out var domainB))
        {
            return false;
        }

        return string.Equals(localA, localB, StringComparison.Ordinal)
            && string.Equals(domainA.TrimEnd('.'), domainB.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }

    public static string? DomainOf(string address) =>
        Split(address, out _, out var domain) ? domain.TrimEnd('.') : null;

    /// <summary>Strips angle brackets and a route ("@a,@b:"), then splits at the last '@'.</summary>
    public static bool Split(string address, out string local, out string domain)
    {
        local = domain = string.Empty;
        var s = address.Trim();
        if (s.StartsWith('<') && s.EndsWith('>'))
        {
            s = s[1..^1].Trim();
        }

        var colon = s.StartsWith('@') ? s.IndexOf(':', StringComparison.Ordinal) : -1;
        if (colon >= 0)
        {
            s = s[(colon + 1)..];
        }

        var at = s.LastIndexOf('@');
        if (at <= 0 || at == s.Length - 1)
        {
            return false;
        }

        local = Canonical(s[..at]);
        domain = s[(at + 1)..];
        return true;
    }

    private static string Canonical(string local)
    {
        if (!local.Contains('"', StringComparison.Ordinal) && !local.Contains('\\', StringComparison.Ordinal))
        {
            return local;
        }

        var sb = new StringBuilder(local.Length);
        for (var i = 0; i < local.Length; i++)
        {
            if (local[i] == '\\' && i + 1 < local.Length)
            {
                sb.Append(local[++i]);
            }
            else if (local[i] != '"')
            {
                sb.Append(local[i]);
            }
        }

        return sb.ToString();
    }
}
