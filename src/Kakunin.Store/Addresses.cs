namespace Kakunin.Store;

/// <summary>
/// How addresses are keyed in the store. RFC 5321 §2.4 lets a server treat local parts case-sensitively, but
/// every mainstream server treats its own users' local parts case-insensitively, and so do we: the whole
/// address is lower-cased (invariant) for local users, aliases and domains.
/// </summary>
public static class Addresses
{
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Whether the local part is <c>postmaster</c>, which RFC 5321 §4.5.1 reserves at every domain that takes mail
    /// (compared case-insensitively, as RFC 5321 §4.1.1.3 compares the domain-less form).
    /// </summary>
    public static bool IsPostmaster(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at > 0 && address.AsSpan(0, at).Trim().Equals("postmaster", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The domain part (after the last @), lower-cased; empty when there is none.</summary>
    public static string DomainOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at < 0 ? string.Empty : address[(at + 1)..].ToLowerInvariant();
    }
}
