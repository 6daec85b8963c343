namespace Kakunin.Smtp.Server;

/// <summary>
/// A number of bytes shared by all sessions, taken and given back in first-come order: a request waits until the
/// bytes before it were given back. A request larger than the whole budget takes the whole budget, so one large
/// message is never refused by it, only serialised (Postfix does the same with its one cleanup process per message).
/// </summary>
public sealed class ByteBudget
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Granted)> _waiting = [];
    private long _available;

    /// <param name="capacity">The budget in bytes; at least 1.</param>
    public ByteBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _available = capacity;
    }

    /// <summary>The whole budget.</summary>
    public long Capacity { get; }

    /// <summary>Bytes not taken now.</summary>
    public long Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    /// <summary>Waits for <paramref name="bytes"/> (capped at <see cref="Capacity"/>) and returns the lease that gives them back.</summary>
    public async ValueTask<IDisposable> TakeAsync(long bytes, CancellationToken cancellationToken)
    {
        var need = Math.Clamp(bytes, 0, Capacity);
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_lock)
        {
            if (_waiting.Count == 0 && _available >= need)
            {
                _available -= need;
                return new Lease(this, need);
            }

            node = _waiting.AddLast((need, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        try
        {
            await node.Value.Item2.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(this, need);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    GrantWaitingLocked(); // the head may have been what held the others back
                    throw;
                }
            }

            Give(need); // granted just as it was cancelled
            throw;
        }
    }

    private void Give(long bytes)
    {
        lock (_lock)
        {
            _available += bytes;
            GrantWaitingLocked();
        }
    }

    private void GrantWaitingLocked()
    {
        while (_waiting.First is { } first && first.Value.Bytes <= _available)
        {
            _available -= first.Value.Bytes;
            _waiting.RemoveFirst();
            first.Value.Granted.SetResult();
        }
    }

    private sealed class Lease(ByteBudget budget, long bytes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.Give(bytes);
            }
        }
    }
}
