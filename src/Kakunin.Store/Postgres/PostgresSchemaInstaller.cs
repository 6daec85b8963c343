using System.Data.Common;

namespace Kakunin.Store.Postgres;

/// <summary>
/// Lays <see cref="PostgresSchema"/> into an empty PostgreSQL database in one transaction (PostgreSQL's DDL is
/// transactional: a failure leaves nothing behind) and records versions 1–<see cref="PostgresSchema.Version"/> in
/// schema_version with SQLite's descriptions, so both stores report the same version. Provider-neutral
/// (System.Data.Common): the Npgsql connection comes from the caller.
/// </summary>
public static class PostgresSchemaInstaller
{
    public static async Task InstallAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in PostgresSchema.Statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // The statements are the constants of PostgresSchema.
            command.CommandText = statement;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var migration in Migrations.All.Where(m => m.Version <= PostgresSchema.Version))
        {
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t)";
            AddParameter(record, "v", (long)migration.Version);
            AddParameter(record, "d", migration.Description);
            AddParameter(record, "t", now.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
