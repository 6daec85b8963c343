using System.Data.Common;
using System.Globalization;

namespace Kakunin.Store.Postgres;

/// <summary>
/// Brings a PostgreSQL database to this program's schema in one transaction (PostgreSQL's DDL is transactional: a
/// failure leaves nothing behind): an empty database gets <see cref="PostgresSchema"/> (versions
/// 1–<see cref="PostgresSchema.BaselineVersion"/>, recorded with SQLite's descriptions so both stores report the same
/// version), then, as an older database does, each later migration's PostgreSQL step it lacks. Several nodes may start
/// at once: a transaction-scoped advisory lock lets one of them do it, and the others find it done.
/// Provider-neutral (System.Data.Common): the Npgsql connection comes from the caller.
/// </summary>
public static class PostgresSchemaInstaller
{
    // Any constant both nodes agree on: the key of the advisory lock taken while the schema is laid or upgraded.
    private const long SchemaLockKey = 0x4B616B756E696E; // "Kakunin"

    /// <summary>Installs or upgrades; returns the version the database is at afterwards (higher than known: left alone).</summary>
    public static async Task<int> InstallOrUpgradeAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(" + SchemaLockKey.ToString(CultureInfo.InvariantCulture) + ")", cancellationToken).ConfigureAwait(false);
        var version = await VersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > SchemaVersion.Known)
        {
            return version; // a newer program's database: the caller refuses it, nothing is touched
        }

        if (version == 0)
        {
            foreach (var statement in PostgresSchema.Statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            foreach (var migration in Migrations.All.Where(m => m.Version <= PostgresSchema.BaselineVersion))
            {
                await RecordAsync(connection, transaction, migration, now, cancellationToken).ConfigureAwait(false);
            }

            version = PostgresSchema.BaselineVersion;
        }

        foreach (var migration in Migrations.All.Where(m => m.Version > version))
        {
            var statements = migration.PostgresStatements
                ?? throw new InvalidOperationException($"migration {migration.Version} has no PostgreSQL step (Migration.PostgresStatements)");
            foreach (var statement in statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await RecordAsync(connection, transaction, migration, now, cancellationToken).ConfigureAwait(false);
            version = migration.Version;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    private static async Task<int> VersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT to_regclass('schema_version') IS NOT NULL";
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
        {
            return 0;
        }

        await using var max = connection.CreateCommand();
        max.Transaction = transaction;
        max.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, Migration migration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t)";
        AddParameter(record, "v", (long)migration.Version);
        AddParameter(record, "d", migration.Description);
        AddParameter(record, "t", now.ToUnixTimeMilliseconds());
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string statement, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The statements are the constants of PostgresSchema and Migrations.
        command.CommandText = statement;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
