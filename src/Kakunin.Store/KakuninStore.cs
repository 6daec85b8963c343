using Kakunin.Store.Security;
using Kakunin.Store.Settings;
using Microsoft.Data.Sqlite;
using Kakunin.Store.Integrity;

namespace Kakunin.Store;

/// <summary>
/// The store: one SQLite database in one data folder, in WAL mode with synchronous=FULL (every commit fsyncs
/// the WAL before returning), schema brought up to date at open. Writes go through the single
/// <see cref="Writer"/>; reads open their own connections (WAL readers do not block the writer).
/// </summary>
public sealed class KakuninStore : IAsyncDisposable
{
    private readonly string _connectionString;

    private KakuninStore(string dataFolder, string connectionString, StoreOptions options, SqliteConnection writerConnection, StoreUpgrade? upgrade)
    {
        DataFolder = dataFolder;
        Upgrade = upgrade;
        _connectionString = connectionString;
        Options = options;
        Integrity = new StoreIntegrity(this);
        var checkpointer = options.CheckpointInterval > TimeSpan.Zero ? new WalCheckpointer(connectionString, options.CheckpointInterval, options.CheckpointCatchUpFrames) : null;
        Writer = new StoreWriter(writerConnection, options.MaxBatch, Integrity, externalPoll: options.ExternalCommitPoll, checkpointer: checkpointer);
        Imap = new Imap.ImapMailRepository(this);
        Directory = new DirectoryRepository(this);
        Mailboxes = new MailboxRepository(this);
        Queue = new QueueRepository(this);
        Settings = new SettingsRepository(this);
        Sessions = new SessionRepository(this);
        DkimKeys = new Dkim.DkimKeyRepository(this);
        ApiTokens = new Api.ApiTokenRepository(this);
        Idempotency = new Api.IdempotencyRepository(this);
        Space = new Space.StorageSpace(dataFolder, options.SpaceReserve);
    }

    public string DataFolder { get; }

    public StoreOptions Options { get; }

    /// <summary>When this open migrated an existing database: from which version to which, and where its copy from before is.</summary>
    public StoreUpgrade? Upgrade { get; }

    /// <summary>The last integrity check's result and the damaged contents reads found (docs/storage.md).</summary>
    public StoreIntegrity Integrity { get; }

    /// <summary>The one writer; every change goes through it.</summary>
    public StoreWriter Writer { get; }

    public DirectoryRepository Directory { get; }

    public MailboxRepository Mailboxes { get; }

    /// <summary>The IMAP view of users' mail: UIDs, MODSEQs, flags, folders (docs/imap-store.md).</summary>
    public Imap.ImapMailRepository Imap { get; }

    /// <summary>Who is told, after each commit, which users' folders changed (<see cref="StoreWriter.Changes"/>).</summary>
    public Changes.StoreChanges Changes => Writer.Changes;

    public QueueRepository Queue { get; }

    /// <summary>The DKIM signing keys of the local domains and their rotation state.</summary>
    public Dkim.DkimKeyRepository DkimKeys { get; }

    /// <summary>Per-user and organisation settings.</summary>
    public SettingsRepository Settings { get; }

    /// <summary>API tokens (docs/api.md).</summary>
    public Api.ApiTokenRepository ApiTokens { get; }

    /// <summary>Idempotency-Key records of the API's send endpoint (docs/api.md).</summary>
    public Api.IdempotencyRepository Idempotency { get; }

    /// <summary>Web sessions revoked on the server (sign-out, sign out everywhere).</summary>
    public SessionRepository Sessions { get; }

    /// <summary>Free space on the data folder's file system and the reserve kept there (docs/storage.md).</summary>
    public Space.StorageSpace Space { get; }

    /// <summary>
    /// Opens (creating when needed) the store in <paramref name="dataFolder"/> and applies pending migrations; a
    /// database that has a schema already is first copied beside itself (<see cref="UpgradeCopy"/>). Throws
    /// <see cref="DatabaseTooNewException"/> for a database from a newer Kakunin and <see cref="StoreUpgradeException"/>
    /// when the copy cannot be made; in both cases the database is left as it was.
    /// </summary>
    public static async Task<KakuninStore> OpenAsync(string dataFolder, StoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        options ??= new StoreOptions();
        OwnerOnlyFolder.Create(dataFolder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, options.DatabaseFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();

        var connection = await OpenConnectionAsync(connectionString, cancellationToken).ConfigureAwait(false);
        StoreUpgrade? upgrade = null;
        try
        {
            // Checked before anything is written: a database from a newer Kakunin is left exactly as it is.
            var before = SchemaVersion.Read(connection);
            SchemaVersion.EnsureNotNewer(connection, before, SchemaVersion.Known);
            if (before > 0 && before < SchemaVersion.Known && options.RefuseUpgradeWhileLocked)
            {
                using var probe = Backup.DataFolderLock.TryAcquire(dataFolder, "kakunin (upgrade check)");
                if (probe is null)
                {
                    throw new StoreUpgradeException(
                        $"{connection.DataSource} is at schema version {before} and a running server still uses it (it holds {Backup.DataFolderLock.PathIn(dataFolder)}): restart the server with this version first (e.g. systemctl restart kakunin), which upgrades it, then run this command again");
                }
            }

            // WAL is a property of the database file and persists; synchronous is per connection (set in OpenConnectionAsync).
            using (var wal = Sql.Command(connection, "PRAGMA journal_mode=WAL"))
            {
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (before > 0 && before < SchemaVersion.Known)
            {
                var copy = await UpgradeCopy.TakeAsync(connection, connection.DataSource, before, SchemaVersion.Known, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
                upgrade = new StoreUpgrade(before, SchemaVersion.Known, copy);
            }

            Migrator.Apply(connection, Migrations.All);

            // Keep the planner's statistics current (SQLite's advice for long-lived connections): without them an
            // index on a column with one value per user looks as selective as a primary key.
            using var optimize = Sql.Command(connection, "PRAGMA optimize=0x10002");
            await optimize.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new KakuninStore(dataFolder, connectionString, options, connection, upgrade);
    }

    /// <summary>A new open connection for reads (the caller disposes it).</summary>
    public Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        OpenConnectionAsync(_connectionString, cancellationToken);

    public ValueTask DisposeAsync() => Writer.DisposeAsync();

    private static async Task<SqliteConnection> OpenConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            ContentChecksum.Register(connection); // sha256_hex() for SQL that rewrites stored bytes
            Kakunin.Store.Changes.ChangeRecorder.Register(connection, recorder: null); // the triggers' notices; the writer's records them
            // synchronous=FULL: in WAL mode the WAL is synced at every commit, so a committed transaction survives
            // power loss (NORMAL would only guarantee consistency). This is what lets a 250 follow a commit.
            using var pragmas = Sql.Command(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000");
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
