namespace Kakunin.Store;

/// <summary>
/// One schema step: a version number and the statements that take the schema from version − 1 to it.
/// <paramref name="RebuildsTables"/>: the step rebuilds a table that others refer to (create, copy, drop, rename), which
/// SQLite allows only with foreign-key enforcement off; <see cref="Migrator"/> then checks every reference before it
/// commits (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes").
/// </summary>
public sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements, bool RebuildsTables = false);
