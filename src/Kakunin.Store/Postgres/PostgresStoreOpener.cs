using System.Data.Common;
using System.Globalization;
using Kakunin.Store.Dialects;
using Npgsql;

namespace Kakunin.Store.Postgres;

/// <summary>
/// Opens the store on PostgreSQL (<see cref="StoreOptions.ConnectionString"/>): refuses a server that would confirm a
/// commit before it is on disk (a 250 must follow a durable commit, RFC 5321 §6.1), lays the schema into an empty
/// database or upgrades an older one (<see cref="PostgresSchemaInstaller"/>), and refuses a database of a newer Kakunin.
/// </summary>
internal static class PostgresStoreOpener
{
    /// <summary>Whether <paramref name="connectionString"/> names a PostgreSQL server (an Npgsql string with Host or Server).</summary>
    public static bool Names(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.ContainsKey("Host") || keys.ContainsKey("Server");
    }

    public static async Task<KakuninStore> OpenAsync(string dataFolder, StoreOptions options, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString!);
        var dialect = new PostgresDialect(dataSource);
        DbConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await RefuseUnsafeDurabilityAsync(connection, cancellationToken).ConfigureAwait(false);
            var version = await PostgresSchemaInstaller.InstallOrUpgradeAsync(connection, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            if (version > SchemaVersion.Known)
            {
                var names = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
                throw new DatabaseTooNewException($"PostgreSQL database {names.Database} on {names.Host}", version, SchemaVersion.Known);
            }

            return new KakuninStore(dataFolder, dialect, options, connection, upgrade: null);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // synchronous_commit off would answer a commit before its WAL is flushed; fsync off would never flush it.
    private static async Task RefuseUnsafeDurabilityAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (setting, unsafeValue) in new[] { ("synchronous_commit", "off"), ("fsync", "off") })
        {
            using var show = Sql.Command(connection, "SELECT current_setting(@name)", ("@name", setting));
            var value = Convert.ToString(await show.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (string.Equals(value, unsafeValue, StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreUpgradeException(
                    $"PostgreSQL runs with {setting} = {value}: a commit could be confirmed before it is on disk, and Kakunin answers 250 only after a durable commit; set {setting} = on");
            }
        }
    }
}
