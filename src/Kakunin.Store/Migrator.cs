using Microsoft.Data.Sqlite;

namespace Kakunin.Store;

/// <summary>Applies the <see cref="Migrations"/> not yet applied, each in its own transaction, recording them in schema_version.</summary>
public static class Migrator
{
    /// <summary>Brings the schema up to date; returns the versions applied now (empty when already current).</summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        using (var create = Sql.Command(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)"))
        {
            create.ExecuteNonQuery();
        }

        var current = CurrentVersion(connection);
        var applied = new List<int>();
        foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var tx = new StoreTransaction(connection, transaction);
            foreach (var statement in migration.Statements)
            {
                tx.Execute(statement);
            }

            tx.Execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $t)",
                ("$v", migration.Version),
                ("$d", migration.Description),
                ("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            transaction.Commit();
            applied.Add(migration.Version);
        }

        return applied;
    }

    /// <summary>The highest applied version, 0 for an empty database.</summary>
    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = Sql.Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
