namespace Kakunin.Store.Integrity;

/// <summary>
/// What one <c>PRAGMA quick_check</c> found: <paramref name="Intact"/> when SQLite answered "ok", else the first
/// problems it listed (or the error that stopped it, such as "database disk image is malformed").
/// </summary>
public sealed record IntegrityCheckResult(bool Intact, IReadOnlyList<string> Problems, DateTimeOffset FinishedAt, TimeSpan Took)
{
    /// <summary>One sentence for /health and the log.</summary>
    public string Describe() => Intact
        ? $"quick_check ok in {Took.TotalSeconds:0.0} s"
        : $"quick_check found the database damaged: {string.Join("; ", Problems.Take(3))}{(Problems.Count > 3 ? $" (and {Problems.Count - 3} more)" : "")}";
}
