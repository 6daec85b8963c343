using System.Globalization;
using Kakunin.Store.Backup;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store;

/// <summary>
/// Before migrations change a database that already holds a schema, a copy of it as it was, beside it:
/// <c>kakunin.db.before-v9</c> for a database about to go to version 9 (with a time appended when that name is taken,
/// so an earlier copy is never overwritten). A copy that cannot be made stops the upgrade: nothing is changed.
/// </summary>
public static class UpgradeCopy
{
    /// <summary>The file name prefix of these copies (a backup leaves them out).</summary>
    public static string Prefix(string databaseFileName) => databaseFileName + ".before-v";

    /// <summary>Copies the database open on <paramref name="connection"/>; returns the copy's full path.</summary>
    public static async Task<string> TakeAsync(SqliteConnection connection, string databasePath, int from, int to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var path = databasePath + ".before-v" + to.ToString(CultureInfo.InvariantCulture);
        if (File.Exists(path))
        {
            path += "." + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }

        try
        {
            await SqliteCopy.CopyToAsync(connection, path, cancellationToken).ConfigureAwait(false);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            TryDelete(path);
            throw new StoreUpgradeException(
                $"could not copy {databasePath} (schema version {from}) to {path} before upgrading it to version {to}: {e.Message}; nothing was changed", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A schema upgrade did not start (its safety copy could not be made, or an older server still uses the database); the database is unchanged.</summary>
public sealed class StoreUpgradeException : InvalidOperationException
{
    public StoreUpgradeException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StoreUpgradeException(string message)
        : base(message)
    {
    }

    public StoreUpgradeException()
    {
    }
}

/// <summary>What opening the store did to an existing database: migrated it from one version to another after copying it.</summary>
public sealed record StoreUpgrade(int FromVersion, int ToVersion, string CopyPath);
