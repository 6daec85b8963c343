using System.Data.Common;
using Kakunin.Store.Dialects;
using Kakunin.Store.Security;
using Kakunin.Store.Settings;
using Microsoft.Data.Sqlite;
using Kakunin.Store.Integrity;

namespace Kakunin.Store;

/// <summary>
/// The store: one SQLite database in one data folder, in WAL mode with synchronous=FULL (every commit fsyncs
/// the WAL before returning), schema brought up to date at open. Writes go through the single
/// <see cref="Writer"/>; reads open their own connections (WAL readers do not block the writer).
/// With <see cref="StoreOptions.ConnectionString"/> naming a PostgreSQL server it runs there instead
/// (docs/postgresql.md); the code speaks System.Data.Common and <see cref="Dialect"/> holds what differs.
/// </summary>
public sealed class KakuninStore : IAsyncDisposable
{
    internal KakuninStore(string dataFolder, IStoreDialect dialect, StoreOptions options, DbConnection writerConnection, StoreUpgrade? upgrade)
    {
        DataFolder = dataFolder;
        Upgrade = upgrade;
        Dialect = dialect;
        Options = options;
        Integrity = new StoreIntegrity(this);
        Writer = new StoreWriter(writerConnection, dialect, options.MaxBatch, Integrity, externalPoll: options.ExternalCommitPoll);
        // PostgreSQL: the triggers' NOTIFY and other nodes' commits reach this node through one LISTEN connection.
        _listener = dialect is PostgresDialect postgres ? new Changes.PostgresChangeListener(postgres, Writer.Changes) : null;
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

    private readonly Changes.PostgresChangeListener? _listener;

    public string DataFolder { get; }

    /// <summary>
    /// What kind of failure <paramref name="exception"/> is on this store's database (unreachable, retry, disk full,
    /// damaged, other), so callers decide a reply or a back-off without knowing SQLite's or PostgreSQL's codes.
    /// </summary>
    public Dialects.StoreFault Classify(Exception? exception) => Dialect.Classify(exception);

    /// <summary>Completes once change notices from the database are heard (at once on SQLite; PostgreSQL: after the first LISTEN).</summary>
    public Task ChangesListening => _listener?.Listening ?? Task.CompletedTask;

    /// <summary>The database's own statements and set-up (SQLite or PostgreSQL).</summary>
    internal IStoreDialect Dialect { get; }

    /// <summary>Whether this store runs on SQLite (the data folder's database file), which the file-level tools need (backup, integrity check).</summary>
    public bool IsSqlite => Dialect is SqliteDialect;

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
        if (Postgres.PostgresStoreOpener.Names(options.ConnectionString))
        {
            return await Postgres.PostgresStoreOpener.OpenAsync(dataFolder, options, cancellationToken).ConfigureAwait(false);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, options.DatabaseFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();

        var dialect = new SqliteDialect(connectionString);
        var connection = await dialect.OpenSqliteAsync(cancellationToken).ConfigureAwait(false);
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

        return new KakuninStore(dataFolder, dialect, options, connection, upgrade);
    }

    /// <summary>A new open connection for reads (the caller disposes it).</summary>
    public Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) => Dialect.OpenAsync(cancellationToken);

    /// <summary>A new open connection to the SQLite database file, for what only SQLite has (backup, integrity check, blobs).</summary>
    internal Task<SqliteConnection> OpenSqliteConnectionAsync(CancellationToken cancellationToken) => Dialect is SqliteDialect sqlite
        ? sqlite.OpenSqliteAsync(cancellationToken)
        : throw new NotSupportedException($"{Dialect.Name} has no database file in the data folder: use its own tools (docs/postgresql.md)");

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await Writer.DisposeAsync().ConfigureAwait(false);
        if (Dialect is IAsyncDisposable owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false); // PostgreSQL's pool of connections
        }
    }
}
