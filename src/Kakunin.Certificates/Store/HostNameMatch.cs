namespace Kakunin.Certificates.Store;

/// <summary>Which certificate name covers a server name (RFC 6125 §6.4): exact first, then a wildcard.</summary>
public static class HostNameMatch
{
    /// <summary>Lower case without a trailing dot: how names are compared (DNS names are case-insensitive, RFC 4343).</summary>
    public static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>The certificate name equals the server name.</summary>
    public static bool IsExact(string certificateName, string serverName) =>
        string.Equals(Normalize(certificateName), Normalize(serverName), StringComparison.Ordinal);

    /// <summary>
    /// A wildcard "*.example.com" covers exactly one more label on the left (RFC 6125 §6.4.3): "a.example.com", but
    /// neither "example.com" nor "a.b.example.com". A wildcard inside a label ("w*.example.com") is not honoured.
    /// </summary>
    public static bool IsWildcard(string certificateName, string serverName)
    {
        var pattern = Normalize(certificateName);
        var name = Normalize(serverName);
        if (!pattern.StartsWith("*.", StringComparison.Ordinal) || pattern.Length < 3)
        {
            return false;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(name[(dot + 1)..], pattern[2..], StringComparison.Ordinal);
    }

    /// <summary>Exact or wildcard.</summary>
    public static bool Covers(string certificateName, string serverName) =>
        IsExact(certificateName, serverName) || IsWildcard(certificateName, serverName);
}
