namespace Kakunin.Store.Dialects;

/// <summary>
/// What a failed store call means, whichever database raised it (<see cref="IStoreDialect.Classify"/>): the answer the
/// callers act on (SMTP 451 or 452, a back-off, a retry of the unit) without knowing SQLite's or PostgreSQL's codes.
/// </summary>
public enum StoreFault
{
    /// <summary>Not a fault the store knows (a bug, a constraint, bad input): the caller's own handling.</summary>
    Other,

    /// <summary>The database cannot be reached: PostgreSQL stopped, restarting, or the network to it lost (SQLSTATE class 08, 57P01–57P03, socket errors).</summary>
    Unreachable,

    /// <summary>The transaction lost a race and may simply be run again (PostgreSQL 40001 serialisation failure, 40P01 deadlock; SQLite SQLITE_BUSY).</summary>
    RetryTransaction,

    /// <summary>The disk under the database is full (SQLite SQLITE_FULL; PostgreSQL 53100 disk_full).</summary>
    DiskFull,

    /// <summary>The database file or its pages are damaged (SQLite SQLITE_CORRUPT, SQLITE_NOTADB; PostgreSQL XX001, XX002).</summary>
    Corrupt,
}
