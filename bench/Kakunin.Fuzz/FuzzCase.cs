namespace Kakunin.Fuzz;

/// <summary>
/// One fuzz input: the bytes a target reads, and a small number the target interprets as it likes (listener kind,
/// TLS, where the input is split). Every target is deterministic in both, so a case is its own reproducer.
/// </summary>
/// <param name="Data">The input bytes.</param>
/// <param name="Variant">Target-specific choices; minimisation keeps it and shrinks only <paramref name="Data"/>.</param>
public sealed record FuzzCase(byte[] Data, int Variant);

/// <summary>What a target makes of one case: nothing wrong, or a broken invariant (a "failure").</summary>
/// <param name="Failure">Null when every invariant held; otherwise a short, stable description used to group failures.</param>
/// <param name="Detail">More about the failure for the reproducer file (not used for grouping).</param>
public sealed record FuzzVerdict(string? Failure, string? Detail = null)
{
    public static readonly FuzzVerdict Pass = new((string?)null);
}
