namespace Kakunin.Imap.Protocol;

/// <summary>The system flags (RFC 9051 §2.3.2) in their canonical spelling.</summary>
public static class ImapFlags
{
    public const string Seen = "\\Seen";
    public const string Answered = "\\Answered";
    public const string Flagged = "\\Flagged";
    public const string Deleted = "\\Deleted";
    public const string Draft = "\\Draft";

    /// <summary>The flags every folder has, as FLAGS lists them.</summary>
    public static IReadOnlyList<string> System { get; } = [Answered, Flagged, Deleted, Seen, Draft];

    /// <summary>The canonical form of a system flag name (without its backslash); null when there is none, or for \Recent, which cannot be stored (RFC 9051 §2.3.2).</summary>
    public static string? SystemFlag(string name) => name.ToUpperInvariant() switch
    {
        "SEEN" => Seen,
        "ANSWERED" => Answered,
        "FLAGGED" => Flagged,
        "DELETED" => Deleted,
        "DRAFT" => Draft,
        _ => null,
    };
}
