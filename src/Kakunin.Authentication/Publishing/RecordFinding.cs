namespace Kakunin.Authentication.Publishing;

/// <summary>The result of checking one required record: what was looked for, the problem (or none), and what was found.</summary>
public sealed record RecordFinding(DomainRecord Expected, RecordProblem Problem, IReadOnlyList<string> Found, string? Detail = null)
{
    /// <summary>Something an administrator must fix (optional records that are absent are not).</summary>
    public bool NeedsFixing => Problem is not (RecordProblem.None or RecordProblem.OptionalMissing);
}
