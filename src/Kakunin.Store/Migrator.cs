using Microsoft.Data.Sqlite;
using Kakunin.Store.Integrity;

namespace Kakunin.Store;

/// <summary>Applies the <see cref="Migrations"/> not yet applied, each in its own transaction, recording them in schema_version.</summary>
public static class Migrator
{
    /// <summary>
    /// Brings the schema up to date; returns the versions applied now (empty when already current). Throws
    /// <see cref="DatabaseTooNewException"/> for a database whose version is above the last of <paramref name="migrations"/>.
    /// </summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        ContentChecksum.Register(connection); // migration 9 computes checksums in SQL
        Changes.ChangeRecorder.Register(connection, recorder: null); // triggers (migration 10) fired by later steps notify nobody
        using (var create = Sql.Command(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)"))
        {
            create.ExecuteNonQuery();
        }

        var current = CurrentVersion(connection);
        // A database from a newer Kakunin has steps we do not know: never write to it (docs/deploy.md, Upgrades).
        SchemaVersion.EnsureNotNewer(connection, current, migrations.Count == 0 ? 0 : migrations.Max(m => m.Version));
        var applied = new List<int>();
        foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            if (migration.RebuildsTables)
            {
                ApplyWithoutForeignKeys(connection, migration);
            }
            else
            {
                ApplyOne(connection, migration);
            }

            applied.Add(migration.Version);
        }

        return applied;
    }

    private static void ApplyOne(SqliteConnection connection, Migration migration, bool checkReferences = false)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var tx = new StoreTransaction(connection, transaction);
        foreach (var statement in migration.Statements)
        {
            tx.Execute(statement);
        }

        tx.Execute(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t)",
            ("@v", migration.Version),
            ("@d", migration.Description),
            ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        if (checkReferences)
        {
            using var check = tx.Command("PRAGMA foreign_key_check");
            using var reader = check.ExecuteReader();
            if (reader.Read())
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Version} would leave a broken reference from table {reader.GetString(0)} to {reader.GetString(2)}; nothing was changed.");
            }
        }

        transaction.Commit();
    }

    // The pragma is a no-op inside a transaction, so it is set around it, and put back as it was.
    private static void ApplyWithoutForeignKeys(SqliteConnection connection, Migration migration)
    {
        using var read = Sql.Command(connection, "PRAGMA foreign_keys");
        var wasOn = Convert.ToInt64(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        using (var off = Sql.Command(connection, "PRAGMA foreign_keys=OFF"))
        {
            off.ExecuteNonQuery();
        }

        try
        {
            ApplyOne(connection, migration, checkReferences: true);
        }
        finally
        {
            if (wasOn)
            {
                using var on = Sql.Command(connection, "PRAGMA foreign_keys=ON");
                on.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The highest applied version, 0 for an empty database.</summary>
    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = Sql.Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
