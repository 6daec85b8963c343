namespace Kakunin.Authentication.Spf;

/// <summary>RFC 7208 §4.3: which names check_host() evaluates at all.</summary>
internal static class SpfDomain
{
    /// <summary>
    /// False for a malformed name ("label longer than 63 characters, zero-length label not at the end") or one that is
    /// "not a multi-label domain name": check_host() then returns "none".
    /// </summary>
    public static bool IsValid(string domain)
    {
        var name = domain.EndsWith('.') ? domain[..^1] : domain;
        if (name.Length is 0 or > 253) return false;
        var labels = name.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length is > 0 and <= 63) && !name.Any(c => c is <= ' ' or '@' or (char)127);
    }
}
