namespace Kakunin.Store.Integrity;

/// <summary>Where the store stands after its checks.</summary>
public enum IntegrityState
{
    /// <summary>No check has finished yet since the process started (the first one may still be running).</summary>
    NotChecked,

    /// <summary>The last quick_check answered "ok".</summary>
    Intact,

    /// <summary>The last quick_check found damage: the store refuses new mail (docs/storage.md).</summary>
    Damaged,
}

/// <summary>
/// The store's integrity as this process knows it: the result of the last <see cref="IntegrityCheck"/> (run at start
/// and on a schedule by the server) and the damaged message contents that reads have found since the process started.
/// The store keeps it; the server reports it (/health, /metrics, the log) and the queue refuses mail on it.
/// </summary>
public sealed class StoreIntegrity
{
    private readonly KakuninStore _store;
    private readonly Lock _lock = new();
    private readonly Dictionary<(DamagedContentSource, long), DamagedContent> _damaged = [];
    private Task<IntegrityCheckResult>? _running;
    private IntegrityCheckResult? _last;

    internal StoreIntegrity(KakuninStore store) => _store = store;

    /// <summary>Raised when a check finishes, with its result (on the thread that ran it).</summary>
    public event Action<IntegrityCheckResult>? Checked;

    /// <summary>Raised the first time a read finds a given message content damaged (once per content per process).</summary>
    public event Action<DamagedContent>? ContentDamaged;

    /// <summary>Raised on every read that finds damaged content, the first included (for counting reads).</summary>
    public event Action<DamagedContent>? DamagedRead;

    public IntegrityState State
    {
        get
        {
            var last = Volatile.Read(ref _last);
            return last is null ? IntegrityState.NotChecked : last.Intact ? IntegrityState.Intact : IntegrityState.Damaged;
        }
    }

    /// <summary>The last finished check, or null.</summary>
    public IntegrityCheckResult? LastCheck => Volatile.Read(ref _last);

    /// <summary>Whether a check is running now.</summary>
    public bool Checking
    {
        get
        {
            lock (_lock)
            {
                return _running is { IsCompleted: false };
            }
        }
    }

    /// <summary>The damaged contents found by reads since the process started, in the order found.</summary>
    public IReadOnlyList<DamagedContent> DamagedContents
    {
        get
        {
            lock (_lock)
            {
                return [.. _damaged.Values];
            }
        }
    }

    /// <summary>
    /// Runs a quick_check, or joins the one running (never two at once), and records its result. A check that is
    /// cancelled records nothing: the state stays what the last finished check said.
    /// </summary>
    public Task<IntegrityCheckResult> CheckAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_running is { IsCompleted: false } running)
            {
                return running.WaitAsync(cancellationToken);
            }

            _running = RunAsync(time, cancellationToken);
            return _running;
        }
    }

    /// <summary>Records damaged bytes a read found (the repositories call it); the bytes are left as they are.</summary>
    internal void Found(DamagedContent damage)
    {
        bool first;
        lock (_lock)
        {
            first = _damaged.TryAdd((damage.Source, damage.Id), damage);
        }

        if (first)
        {
            ContentDamaged?.Invoke(damage);
        }

        DamagedRead?.Invoke(damage);
        if (first && damage.Source == DamagedContentSource.Queue)
        {
            // Held apart (Postfix's "corrupt" queue): the runner skips it instead of failing on it every pass. Written
            // on its own, not inside the transaction that found it (that one fails), and not awaited (it may be the writer).
            _ = Task.Run(() => _store.Writer.WriteAsync(tx => QueueRepository.MarkDamaged(tx, damage.Id), CancellationToken.None));
        }
    }

    private async Task<IntegrityCheckResult> RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var result = await IntegrityCheck.RunAsync(_store, time, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _last, result);
        Checked?.Invoke(result);
        return result;
    }
}
