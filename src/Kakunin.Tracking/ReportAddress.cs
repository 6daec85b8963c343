namespace Kakunin.Tracking;

/// <summary>
/// How an address in a report is compared with a tracked recipient. Reports write addresses in many ways
/// (<c>rfc822; &lt;Bob@Example.COM&gt;</c>, quoted, a trailing dot from prose); this reduces them to an addr-spec
/// with the domain lower-cased (RFC 5321 §2.4: domains are case-insensitive, local parts may not be).
/// </summary>
public static class ReportAddress
{
    public static string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var s = address.Trim();
        var semi = s.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0 && semi < s.IndexOf('@', StringComparison.Ordinal))
        {
            s = s[(semi + 1)..].Trim(); // "rfc822; bob@…" (RFC 3464 §2.3.2 address-type)
        }

        s = s.Trim('<', '>', ' ', '\t').TrimEnd('.', ',', ';', ':');
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
        {
            s = s[1..^1].Trim();
        }

        var at = s.LastIndexOf('@');
        return at < 0 ? s : s[..at] + "@" + s[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>Same addr-spec: local part exact, domain case-insensitive.</summary>
    public static bool Same(string? a, string? b) =>
        Normalize(a) is { } x && Normalize(b) is { } y && string.Equals(x, y, StringComparison.Ordinal);

    /// <summary>Same addr-spec ignoring case throughout: the store keys its recipients folded (Kakunin.Store.Addresses).</summary>
    public static bool SameIgnoringCase(string? a, string? b) =>
        Normalize(a) is { } x && Normalize(b) is { } y && string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
}
