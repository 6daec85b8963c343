namespace Kakunin.Store;

/// <summary>
/// One schema step: a version number and the statements that take the schema from version − 1 to it.
/// <paramref name="RebuildsTables"/>: the step rebuilds a table that others refer to (create, copy, drop, rename), which
/// SQLite allows only with foreign-key enforcement off; <see cref="Migrator"/> then checks every reference before it
/// commits (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes").
/// <paramref name="PostgresStatements"/>: the same step on PostgreSQL, for every migration after
/// <see cref="Postgres.PostgresSchema.BaselineVersion"/> (the versions up to it are the PostgreSQL baseline); a fresh
/// PostgreSQL database gets the baseline and then these steps, an older one only the steps it lacks.
/// </summary>
public sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements, bool RebuildsTables = false, IReadOnlyList<string>? PostgresStatements = null);
