using CsCheck;

namespace Kakunin.Fuzz;

/// <summary>
/// Something to fuzz: a generator of cases (seeds, mutated seeds and random input) and a check of one case.
/// <see cref="Check"/> returns a verdict for broken invariants; an exception escaping it is a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name given to <c>--target</c>.</summary>
    string Name { get; }

    /// <summary>The cases to try.</summary>
    Gen<FuzzCase> Cases { get; }

    /// <summary>Runs one case; must be deterministic for a given case.</summary>
    FuzzVerdict Check(FuzzCase input);

    /// <summary>The reproducer text for a case (how to replay it), written next to the raw bytes.</summary>
    string Describe(FuzzCase input);
}
