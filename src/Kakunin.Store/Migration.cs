namespace Kakunin.Store;

/// <summary>One schema step: a version number and the statements that take the schema from version − 1 to it.</summary>
public sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);
