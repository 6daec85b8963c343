namespace Kakunin.Store.Integrity;

/// <summary>
/// What one <c>PRAGMA quick_check</c> found: <paramref name="Intact"/> when SQLite answered "ok", else the first
/// problems it listed (or the error that stopped it, such as "database disk image is malformed").
/// </summary>
public sealed record IntegrityCheckResult(bool Intact, IReadOnlyList<string> Problems, DateTimeOffset FinishedAt, TimeSpan Took)
{
    /// <summary>What the check put right before it answered (only the search index, which is derived data), or null.</summary>
    public string? Repaired { get; init; }

    /// <summary>One sentence for /health and the log.</summary>
    public string Describe() => Intact
        ? $"quick_check ok in {Took.TotalSeconds:0.0} s{(Repaired is null ? "" : $" ({Repaired})")}"
        : $"quick_check found the database damaged: {string.Join("; ", Problems.Take(3))}{(Problems.Count > 3 ? $" (and {Problems.Count - 3} more)" : "")}";
}
