using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Space;

/// <summary>
/// Whether a failed write failed because the file system is full, whichever layer reported it: SQLite's
/// SQLITE_FULL, an ENOSPC or EDQUOT from the kernel, or SQLite's SQLITE_IOERR while the data folder's file system is
/// in fact (nearly) full (SQLite reports a shared-memory file it cannot extend as an I/O error, not as full).
/// </summary>
public static class OutOfSpace
{
    private const int SqliteFull = 13; // SQLITE_FULL, https://sqlite.org/rescode.html#full
    private const int SqliteIoError = 10; // SQLITE_IOERR and its extended codes
    private const int Enospc = 28; // Linux errno ENOSPC: no space left on device
    private const int Edquot = 122; // Linux errno EDQUOT: disk quota exceeded

    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) says the disk is full. An I/O error counts only when
    /// <paramref name="space"/> shows less than a mebibyte (or the reserve) free, so a failing disk is not called full.
    /// </summary>
    public static bool Is(Exception? exception, StorageSpace? space)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageFullException:
                    return true;
                case SqliteException { SqliteErrorCode: SqliteFull }:
                    return true;
                case Npgsql.PostgresException { SqlState: "53100" }: // PostgreSQL's disk_full: its own disk, not the data folder's
                    return true;
                case SqliteException { SqliteErrorCode: SqliteIoError }:
                    return space?.Read() is { } reading && reading.Free < Math.Max(reading.Reserve, 1024 * 1024);
                case IOException io when IsErrno(io.HResult):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>An IOException from .NET on Unix carries the errno as its HResult when no other code fits.</summary>
    public static bool IsErrno(int hresult) => hresult is Enospc or Edquot;
}
