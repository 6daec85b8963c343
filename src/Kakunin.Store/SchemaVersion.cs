using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store;

/// <summary>
/// Which schema a database holds: the highest version in its schema_version table (<see cref="Migrator"/>), 0 for a
/// database that has none yet; and the highest this program knows.
/// </summary>
public static class SchemaVersion
{
    /// <summary>The newest schema this program can read and write.</summary>
    public static int Known { get; } = Migrations.All.Max(m => m.Version);

    /// <summary>The database's schema version; 0 when it has no schema_version table (a new, empty database).</summary>
    public static int Read(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var exists = Sql.Command(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        return Migrator.CurrentVersion(connection);
    }

    /// <summary>Throws <see cref="DatabaseTooNewException"/> when the database is from a newer Kakunin than this one.</summary>
    public static void EnsureNotNewer(SqliteConnection connection, int version, int known)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (version > known)
        {
            throw new DatabaseTooNewException(connection.DataSource, version, known);
        }
    }
}

/// <summary>
/// The database was written by a newer Kakunin: its schema has steps this program does not know, so it must neither
/// read nor migrate it. The message is the one sentence the administrator sees.
/// </summary>
public sealed class DatabaseTooNewException(string path, int version, int known) : InvalidOperationException(
    $"{path} is at schema version {version}, newer than the {known} this Kakunin knows: it was written by a later version, so run that version (or restore a backup taken before the upgrade)")
{
    public string DatabasePath { get; } = path;

    public int Version { get; } = version;

    public int KnownVersion { get; } = known;
}
