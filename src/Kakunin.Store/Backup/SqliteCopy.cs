using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Backup;

/// <summary>
/// A consistent copy of a live SQLite database through its online backup API (sqlite.org/backup.html), used by
/// <c>kakunin backup</c> and by the copy taken before a schema upgrade. The whole copy is one
/// <c>sqlite3_backup_step(-1)</c>, so it reads one snapshot; in WAL mode that read never blocks the server's writer
/// (sqlite.org/wal.html: "readers do not block writers"), it only keeps checkpoints from passing it until it ends.
/// </summary>
public static class SqliteCopy
{
    // SQLITE_BUSY / SQLITE_LOCKED: the source's lock could not be taken this instant (e.g. while a WAL is recovered).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int Attempts = 50;

    /// <summary>A connection to <paramref name="path"/> for copying: never pooled (so no handle stays open after it),
    /// never creating a missing file.</summary>
    public static SqliteConnection Open(string path, bool create = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var timeout = Sql.Command(connection, "PRAGMA busy_timeout=10000");
        timeout.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Copies the database open on <paramref name="source"/> to a new file at <paramref name="destinationPath"/> (which
    /// must not exist), switched to the rollback journal so the copy is one self-contained file without a -wal beside
    /// it (the server switches it back to WAL when it opens it).
    /// </summary>
    public static async Task CopyToAsync(SqliteConnection source, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (File.Exists(destinationPath))
        {
            throw new IOException($"{destinationPath} exists already");
        }

        using (var destination = Open(destinationPath, create: true))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    source.BackupDatabase(destination);
                    break;
                }
                catch (SqliteException e) when (e.SqliteErrorCode is Busy or Locked && attempt < Attempts)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
            }

            using var journal = Sql.Command(destination, "PRAGMA journal_mode=DELETE");
            journal.ExecuteNonQuery();
        }
    }

    /// <summary>The first problem <c>PRAGMA integrity_check</c> reports, or null when it answers "ok".</summary>
    public static string? IntegrityProblem(SqliteConnection connection)
    {
        using var check = Sql.Command(connection, "PRAGMA integrity_check");
        var answer = check.ExecuteScalar() as string;
        return answer == "ok" ? null : answer ?? "no answer";
    }
}
