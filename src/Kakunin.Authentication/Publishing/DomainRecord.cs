namespace Kakunin.Authentication.Publishing;

/// <summary>
/// One record a domain should publish: owner <paramref name="Name"/> (absolute, no trailing dot), type MX or TXT,
/// the value, and for DKIM the selector and the key's state in rotation (active, published-next, retired).
/// </summary>
public sealed record DomainRecord(RecordKind Kind, string Name, string Type, string Value, bool Optional = false, string? Selector = null, string? KeyState = null)
{
    /// <summary>The record as a zone-file line; a long TXT value split into strings of at most 255 octets (RFC 1035 §3.3.14).</summary>
    public string ToZoneLine() => Type == "TXT"
        ? $"{Name}. 3600 IN TXT {string.Join(' ', Chunks(Value).Select(c => $"\"{c.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""))}"
        : $"{Name}. 3600 IN {Type} {Value}";

    private static IEnumerable<string> Chunks(string value)
    {
        for (var i = 0; i < value.Length; i += 255)
        {
            yield return value.Substring(i, Math.Min(255, value.Length - i));
        }
    }
}
