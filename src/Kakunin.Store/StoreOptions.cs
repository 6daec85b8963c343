namespace Kakunin.Store;

/// <summary>Settings of the store, with their defaults.</summary>
public sealed record StoreOptions
{
    /// <summary>
    /// <c>Kakunin:Store:ConnectionString</c>: absent, the store is SQLite in the data folder (the default); an Npgsql
    /// connection string (<c>Host=…;Database=…;Username=…;Password=…</c>) puts it on that PostgreSQL database
    /// (docs/postgresql.md). The data folder still holds the node's own files (lock, temp files, TLS).
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>The database file's name inside the data folder.</summary>
    public string DatabaseFileName { get; init; } = "kakunin.db";

    /// <summary>PBKDF2 iterations for new password hashes (tests lower it; verification reads the count from the hash).</summary>
    public int PasswordIterations { get; init; } = PasswordHasher.DefaultIterations;

    /// <summary>The most units of work one group commit takes.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>
    /// How often an idle writer asks SQLite whether another process committed (PRAGMA data_version); a busy one asks
    /// before each batch. What it finds wakes the queue, IMAP sessions, the webhook dispatcher and the session list
    /// (docs/storage.md, "Several writers").
    /// </summary>
    public TimeSpan ExternalCommitPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Refuse to migrate a database while another process holds the data folder's lock (a running server of the
    /// previous version, which would go on writing the old schema into the new one). The administrator commands set it;
    /// the server itself takes the lock before it opens the store.
    /// </summary>
    public bool RefuseUpgradeWhileLocked { get; init; }

    /// <summary>
    /// Bytes kept free on the data folder's file system for what was already accepted (<see cref="Space.StorageSpace"/>).
    /// 0 here (administrator commands, tests); <c>kakunin serve</c> sets its configured reserve (docs/storage.md).
    /// </summary>
    public long SpaceReserve { get; init; }
}
