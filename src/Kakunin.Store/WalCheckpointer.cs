using Microsoft.Data.Sqlite;

namespace Kakunin.Store;

/// <summary>
/// Copies the WAL back into the database file on a connection of its own, so that the writer's commits — and the 250
/// replies and webhooks that wait on them — do not pay for it (docs/storage.md, "Checkpoints").
/// SQLite's default is an automatic checkpoint run by the commit that takes the WAL past 1,000 pages
/// (sqlite.org/wal.html, "Automatic Checkpoint"): that one commit also writes those pages into the database file and
/// fsyncs it, and every unit of its batch waits. With this running, the writer's connection has
/// <c>wal_autocheckpoint=0</c>, and:
/// <list type="bullet">
/// <item>a PASSIVE checkpoint runs here at most every <see cref="StoreOptions.CheckpointInterval"/> while commits come
/// in (PASSIVE never waits for a reader or the writer: sqlite.org/c3ref/wal_checkpoint_v2.html);</item>
/// <item>the WAL only starts over from its beginning when a write transaction begins with every frame already copied
/// back, which a checkpoint running beside a busy writer never leaves; so once the WAL holds
/// <see cref="StoreOptions.CheckpointCatchUpFrames"/> frames, the writer is asked to run one PASSIVE checkpoint itself
/// between two batches. Nearly every frame is in the database file by then, so it is short, and the next transaction
/// starts the WAL over: the file stays bounded.</item>
/// </list>
/// While its connection is not open (or after it failed) the writer keeps SQLite's automatic checkpoint.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>SQLite's own default for <c>wal_autocheckpoint</c>, restored when this stops working.</summary>
    private const int SqliteDefaultAutoCheckpoint = 1000;

    private readonly string _connectionString;
    private readonly TimeSpan _interval;
    private readonly long _catchUpFrames;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;
    private int _nudged; // 1 while a commit's nudge waits for the loop
    private volatile bool _working; // the connection is open and the last checkpoint did not fail
    private volatile bool _catchUpWanted;
    private bool _writerAutoCheckpointOff; // only the writer's thread reads and writes it
    private long _checkpoints;
    private long _writerCatchUps;

    public WalCheckpointer(string connectionString, TimeSpan interval, long catchUpFrames)
    {
        _connectionString = connectionString;
        _interval = interval;
        _catchUpFrames = catchUpFrames;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Checkpoints run on this connection so far.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Times the writer was asked to finish a checkpoint itself so the WAL could start over.</summary>
    public long WriterCatchUps => Interlocked.Read(ref _writerCatchUps);

    /// <summary>Called by the writer after each commit: a checkpoint is due within the interval.</summary>
    public void Committed()
    {
        if (Interlocked.Exchange(ref _nudged, 1) == 0)
        {
            _committed.Release();
        }
    }

    /// <summary>
    /// Called by the writer before each batch, outside any transaction, on its own connection: switches SQLite's
    /// automatic checkpoint off while this works (on again if it stopped), and finishes a checkpoint when asked to.
    /// </summary>
    public void BeforeWriterBatch(SqliteConnection writerConnection)
    {
        try
        {
            var working = _working;
            if (working != _writerAutoCheckpointOff)
            {
                using var pragma = Sql.Command(writerConnection, "PRAGMA wal_autocheckpoint=" + Sql.Invariant(working ? 0 : SqliteDefaultAutoCheckpoint));
                pragma.ExecuteNonQuery();
                _writerAutoCheckpointOff = working;
            }

            if (working && _catchUpWanted)
            {
                _catchUpWanted = false;
                using var checkpoint = Sql.Command(writerConnection, "PRAGMA wal_checkpoint(PASSIVE)");
                checkpoint.ExecuteNonQuery();
                Interlocked.Increment(ref _writerCatchUps);
            }
        }
#pragma warning disable CA1031 // Checkpointing is housekeeping: the batch that follows must not fail because of it.
        catch (SqliteException)
#pragma warning restore CA1031
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the writer may be disposed more than once
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _committed.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(_stop.Token).ConfigureAwait(false);
            // FULL: the database file is fsynced before the WAL may be reused (the default NORMAL does the same in WAL
            // mode for checkpoints; said explicitly because a reused WAL must never hold the only copy of a page).
            using (var pragma = Sql.Command(connection, "PRAGMA synchronous=FULL"))
            {
                await pragma.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
            }

            using var checkpoint = Sql.Command(connection, "PRAGMA wal_checkpoint(PASSIVE)");
            _working = true;
            while (true)
            {
                await _committed.WaitAsync(_stop.Token).ConfigureAwait(false);
                await Task.Delay(_interval, _stop.Token).ConfigureAwait(false); // what commits in the meantime is copied too
                Interlocked.Exchange(ref _nudged, 0);
                await using var result = await checkpoint.ExecuteReaderAsync(_stop.Token).ConfigureAwait(false);
                // One row: busy (1 when a reader or writer kept it from finishing), frames in the WAL, frames copied back.
                var walFrames = await result.ReadAsync(_stop.Token).ConfigureAwait(false) ? result.GetInt64(1) : 0;
                Interlocked.Increment(ref _checkpoints);
                if (walFrames >= _catchUpFrames)
                {
                    _catchUpWanted = true;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A checkpoint that cannot run here is not a failed write: the writer goes back to SQLite's own.
        catch (SqliteException)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _working = false;
        }
    }
}
