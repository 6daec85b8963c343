namespace Kakunin.Store;

/// <summary>An alias and every target it forwards to.</summary>
public sealed record AliasRecord(string Address, IReadOnlyList<string> Targets);
