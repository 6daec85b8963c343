using System.Threading.Channels;
using System.Data.Common;
using Kakunin.Store.Dialects;
using Kakunin.Store.Integrity;

namespace Kakunin.Store;

/// <summary>
/// The one writer of the database (Postfix style: one writer per kind of state; SQLite allows one writer
/// anyway). Callers hand it a unit of work; it takes every unit waiting in its channel, runs each inside a
/// SAVEPOINT of one transaction and commits them all with one synchronous=FULL commit: group commit. A
/// caller's task completes only after that commit is on disk, so a 250 after DATA follows a durable write
/// (RFC 5321 §6.1). A unit that throws is rolled back to its savepoint and fails alone.
/// A unit queued with <see cref="WriteWithoutFsyncAsync{T}"/> (an IMAP flag change: docs/imap-store.md) may share a
/// commit made with synchronous=NORMAL when every unit of its batch is such a unit: the commit is in the WAL (it
/// survives a crash of the process) but not fsynced; the next synchronous=FULL commit makes it durable with itself.
/// </summary>
public sealed class StoreWriter : IAsyncDisposable
{
    private readonly Channel<IWorkItem> _channel = Channel.CreateUnbounded<IWorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private DbConnection _connection; // made again when lost (PostgreSQL away): see Reconnect
    private bool _broken;
    private readonly IStoreDialect _dialect;
    private readonly int _maxBatch;
    private readonly Dictionary<string, CachedCommand> _commands = new(StringComparer.Ordinal);
    private readonly Task _loop;

    // How often a unit that lost a race (StoreFault.RetryTransaction) is run before its caller gets the failure.
    private const int MaxUnitAttempts = 3;
    private long _transactions;
    private long _units;
    private bool _relaxed; // the connection's synchronous is NORMAL (for a batch of units that need no fsync)
    private readonly TimeSpan _externalPoll;
    private readonly DbCommand? _dataVersion; // null where other writers' commits are noticed another way
    private CancellationTokenSource _idle = new(); // only the writer's loop touches it
    private long _lastDataVersion = -1; // what PRAGMA data_version said when last asked; -1 before the first time

    private readonly StoreIntegrity? _integrity;
    private readonly Changes.ChangeRecorder _recorder = new();

    internal StoreWriter(DbConnection connection, IStoreDialect dialect, int maxBatch, StoreIntegrity? integrity = null, Changes.StoreChanges? changes = null, TimeSpan? externalPoll = null)
    {
        _externalPoll = externalPoll ?? TimeSpan.FromMilliseconds(250);
        _dialect = dialect;
        _dataVersion = dialect.ExternalCommitProbe(connection);
        _integrity = integrity;
        _connection = connection;
        _maxBatch = maxBatch;
        Changes = changes ?? new Changes.StoreChanges();
        dialect.PrepareWriter(connection);
        dialect.RecordChanges(connection, _recorder); // the triggers of migration 10 report what each unit changed
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Who is told, after each commit, which users' folders it changed.</summary>
    public Changes.StoreChanges Changes { get; }

    /// <summary>Transactions committed so far (one per batch).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactions);

    /// <summary>Units of work committed so far.</summary>
    public long UnitsCommitted => Interlocked.Read(ref _units);

    /// <summary>
    /// Runs <paramref name="work"/> on the writer, inside a transaction shared with whatever else is waiting,
    /// and completes after the commit. Cancelling stops the wait only: work already queued may still commit.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<StoreTransaction, T> work, CancellationToken cancellationToken) => Enqueue(work, needsFsync: true, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, but the caller does not wait for an fsync: when the batch holds only such units
    /// it is committed with synchronous=NORMAL (in the WAL, visible to readers, safe from a process crash; lost only
    /// by a power loss before the next fsync). For changes a mail server need not make durable at once: IMAP flags,
    /// as Dovecot's mail_fsync=optimized (docs/imap-store.md). Never for accepted mail.
    /// </summary>
    internal Task<T> WriteWithoutFsyncAsync<T>(Func<StoreTransaction, T> work, CancellationToken cancellationToken) => Enqueue(work, needsFsync: false, cancellationToken);

    private Task<T> Enqueue<T>(Func<StoreTransaction, T> work, bool needsFsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new WorkItem<T>(work, needsFsync);
        ObjectDisposedException.ThrowIf(!_channel.Writer.TryWrite(item), this);

        return item.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on the writer; see <see cref="WriteAsync{T}"/>.</summary>
    public Task WriteAsync(Action<StoreTransaction> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync(tx =>
        {
            work(tx);
            return true;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var command in _commands.Values)
        {
            command.Release();
        }

        if (_dataVersion is not null)
        {
            await _dataVersion.DisposeAsync().ConfigureAwait(false);
        }

        _idle.Dispose();

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<IWorkItem>();
        NoticeOtherWriters(); // the version to compare with from now on
        while (await WaitForWorkAsync().ConfigureAwait(false))
        {
            NoticeOtherWriters();
            batch.Clear();
            while (batch.Count < _maxBatch && _channel.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            Execute(batch);
        }
    }

    /// <summary>
    /// Waits for work; while idle, looks every <see cref="_externalPoll"/> for commits by other processes. A busy writer
    /// (work already waiting) takes no timer at all; an idle one re-arms one reused timer.
    /// </summary>
    private async Task<bool> WaitForWorkAsync()
    {
        while (!_channel.Reader.TryPeek(out _))
        {
            _idle.CancelAfter(_externalPoll);
            try
            {
                var more = await _channel.Reader.WaitToReadAsync(_idle.Token).ConfigureAwait(false);
                if (!_idle.TryReset())
                {
                    ReplaceIdleTimer();
                }

                return more;
            }
            catch (OperationCanceledException)
            {
                ReplaceIdleTimer(); // a cancelled source cannot be reset
                NoticeOtherWriters();
            }
        }

        return true;
    }

    private void ReplaceIdleTimer()
    {
        _idle.Dispose();
        _idle = new CancellationTokenSource();
    }

    /// <summary>
    /// Tells <see cref="Changes"/> when another connection committed since the last look. SQLite's data_version, asked on
    /// this connection, changes only for commits made by OTHER connections (sqlite.org/pragma.html#pragma_data_version),
    /// i.e. the CLI or another process on the same file; this writer's own commits do not move it. Cheap: no I/O beyond
    /// the WAL index the next statement reads anyway.
    /// </summary>
    private void NoticeOtherWriters()
    {
        if (_dataVersion is null)
        {
            return;
        }

        long version;
        try
        {
            version = _dataVersion.ExecuteScalar() is long v ? v : -1;
        }
#pragma warning disable CA1031 // A failed look is not a failed write: the next one will see the change.
        catch (DbException)
#pragma warning restore CA1031
        {
            return;
        }

        if (_lastDataVersion >= 0 && version != _lastDataVersion)
        {
            Changes.PublishExternal();
        }

        _lastDataVersion = version;
    }

    private void Execute(List<IWorkItem> batch)
    {
        if (_broken && Reconnect() is { } unreachable)
        {
            // The database is still away: every unit fails at once (SMTP answers 451 4.3.0), none waits.
            foreach (var item in batch)
            {
                item.Fail(unreachable);
            }

            return;
        }

        for (var start = 0; start < batch.Count;)
        {
            start = ExecuteTransaction(batch, start);
        }
    }

    /// <summary>
    /// Runs the units of <paramref name="batch"/> from <paramref name="start"/> on in one transaction and commits it.
    /// Returns where the next transaction starts: the batch's end, or a unit that lost a race (PostgreSQL's deadlock or
    /// serialisation failure) after other units of this transaction had taken their locks. Those units are committed
    /// first and the loser runs again in a transaction of its own: run again inside this one, it would wait for the
    /// same locks behind the same other node, and PostgreSQL would find the same deadlock again one deadlock_timeout
    /// later, each time (seen with three nodes: SMTP clients waited over 20 s for their reply to DATA and gave up).
    /// </summary>
    private int ExecuteTransaction(List<IWorkItem> batch, int start)
    {
        var done = new List<IWorkItem>(batch.Count - start);
        var next = batch.Count;
        try
        {
            // SQLite refuses to change synchronous inside a transaction: it is chosen for the whole batch, before BEGIN.
            SetRelaxed(batch.FindIndex(start, item => item.NeedsFsync) < 0);
            using var transaction = _dialect.BeginWrite(_connection); // SQLite: BEGIN IMMEDIATE, the write lock up front
            var store = new StoreTransaction(_connection, transaction, _commands) { Integrity = _integrity, Dialect = _dialect };
            var holding = false;
            for (var i = start; i < next; i++)
            {
                var item = batch[i];
                if (!holding && done.Count > 0)
                {
                    _dialect.HoldingCommittedUnits(_connection, transaction); // PostgreSQL: later units wait for locks only so long
                    holding = true;
                }

                while (true)
                {
                    item.Attempts++;
                    transaction.Save("unit");
                    try
                    {
                        item.Run(store);
                        transaction.Release("unit");
                        _recorder.KeepUnit();
                        done.Add(item);
                        break;
                    }
#pragma warning disable CA1031 // A failing unit must not take the others down; its caller gets the exception.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        transaction.Rollback("unit");
                        transaction.Release("unit");
                        _recorder.DropUnit();
                        if (item.Attempts < MaxUnitAttempts && _dialect.Classify(e) == StoreFault.RetryTransaction)
                        {
                            if (done.Count == 0)
                            {
                                continue; // undone to the savepoint, this transaction holds no other unit's locks: run it again here
                            }

                            next = i; // commit the others first (see above); this unit starts the next transaction
                            break;
                        }

                        item.Fail(e);
                        break;
                    }
                }
            }

            _dialect.BeforeCommit(_connection, transaction);
            transaction.Commit(); // synchronous=FULL: the WAL is fsynced before this returns (NORMAL: written, not fsynced).
            Changes.Publish(_recorder.TakeCommitted()); // only now: a notice never runs ahead of what a reader can see
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _units, done.Count);
            foreach (var item in done)
            {
                item.Complete();
            }

            return next;
        }
#pragma warning disable CA1031 // The commit failed: every unit of the batch fails with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _recorder.Clear();
            // Every unit not yet failed fails with the transaction (one that failed alone keeps its own exception);
            // a BEGIN that threw has run none of them, and none may be left waiting.
            for (var i = start; i < batch.Count; i++)
            {
                batch[i].Fail(e);
            }

            if (_connection.State != System.Data.ConnectionState.Open || _dialect.Classify(e) == StoreFault.Unreachable)
            {
                _broken = true; // the next batch opens a new connection first
            }

            return batch.Count;
        }
    }

    /// <summary>
    /// Replaces a lost connection (PostgreSQL stopped or restarted, the network cut): the prepared commands belonged to
    /// it and go with it. Returns the failure when the database cannot be reached yet; the next batch tries again.
    /// </summary>
    private Exception? Reconnect()
    {
        foreach (var command in _commands.Values)
        {
            command.Release();
        }

        _commands.Clear();
        try
        {
            _connection.Dispose();
        }
#pragma warning disable CA1031 // A dead connection may fail to close; it is dropped all the same.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        try
        {
            _connection = _dialect.Open();
            _dialect.PrepareWriter(_connection);
            _dialect.RecordChanges(_connection, _recorder);
            _relaxed = false;
            _broken = false;
            return null;
        }
#pragma warning disable CA1031 // Not reachable yet: the batch fails with the reason, the writer lives on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _dialect.Classify(e);
            return e;
        }
    }

    private void SetRelaxed(bool relaxed)
    {
        if (relaxed == _relaxed)
        {
            return;
        }

        _dialect.SetRelaxedCommit(_connection, relaxed);
        _relaxed = relaxed;
    }

    private interface IWorkItem
    {
        bool NeedsFsync { get; }

        /// <summary>How often the writer has run it (a unit that lost a race runs again, up to <see cref="MaxUnitAttempts"/>).</summary>
        int Attempts { get; set; }

        void Run(StoreTransaction transaction);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class WorkItem<T>(Func<StoreTransaction, T> work, bool needsFsync) : IWorkItem
    {
        public bool NeedsFsync => needsFsync;

        public int Attempts { get; set; }

        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public void Run(StoreTransaction transaction) => _result = work(transaction);

        public void Complete() => _completion.TrySetResult(_result!);

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
