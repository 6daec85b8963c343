namespace Kakunin.Store.Changes;

/// <summary>
/// Tells subscribers which of a user's folders changed, after the write transaction that changed them committed
/// (never for one rolled back), whatever wrote it in this process: delivery, the webmail, receipts processing, IMAP. The
/// writer publishes once per committed transaction; the callbacks run on a pool thread, never on the writer's. A commit
/// by another process (the CLI) is noticed by the writer within <see cref="StoreOptions.ExternalCommitPoll"/> and told
/// as "something changed" (<see cref="SubscribeExternal"/>).
/// </summary>
public sealed class StoreChanges
{
    /// <summary>The key under which <see cref="SubscribeExternal"/> callbacks are kept: no user has a negative id.</summary>
    private const long ExternalChannel = -1;

    private readonly Lock _lock = new();
    private Dictionary<long, Action<long?>[]> _subscribers = [];
    private int _count;
    private long _lastPublished;

    /// <summary>How many subscriptions are open.</summary>
    public int SubscriberCount => Volatile.Read(ref _count);

    /// <summary>
    /// Calls <paramref name="changed"/> after each committed change of <paramref name="userId"/>'s mail with the folder's
    /// id, or null when the folder list changed. Must not block. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(long userId, Action<long?> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_lock)
        {
            // Copy on write: publishing reads the map without the lock.
            var next = new Dictionary<long, Action<long?>[]>(_subscribers);
            next[userId] = next.TryGetValue(userId, out var list) ? [.. list, changed] : [changed];
            _subscribers = next;
            _count++;
        }

        return new Subscription(this, userId, changed);
    }

    /// <summary>
    /// Calls <paramref name="changed"/> after another process (the CLI, another server on the same file) committed to the
    /// database: what it changed is not known, only that something did (docs/storage.md, "Several writers"). Must not
    /// block. Dispose the result to stop.
    /// </summary>
    public IDisposable SubscribeExternal(Action changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return Subscribe(ExternalChannel, _ => changed());
    }

    /// <summary>
    /// Says another process committed: every subscriber hears "folder list changed" (null) for its user, so IMAP
    /// sessions and the webhook dispatcher look again, and every <see cref="SubscribeExternal"/> callback runs.
    /// </summary>
    internal void PublishExternal()
    {
        if (Volatile.Read(ref _count) == 0)
        {
            return;
        }

        var subscribers = Volatile.Read(ref _subscribers);
        var everyone = subscribers.Keys.Select(user => new StoreChange(user, null)).ToArray();
        ThreadPool.UnsafeQueueUserWorkItem(static state => Deliver(state.Subscribers, state.Changes), (Subscribers: subscribers, Changes: everyone), preferLocal: false);
    }

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the latest commit with changes was published (0 before
    /// the first): a subscriber that logs timings (the webhook dispatcher's stage log) tells commit → notice apart.
    /// </summary>
    public long LastPublishedTimestamp => Volatile.Read(ref _lastPublished);

    /// <summary>Hands the changes of one committed transaction to the subscribers, on a pool thread.</summary>
    internal void Publish(StoreChange[] changes)
    {
        if (changes.Length == 0 || Volatile.Read(ref _count) == 0)
        {
            return;
        }

        Volatile.Write(ref _lastPublished, System.Diagnostics.Stopwatch.GetTimestamp());

        var subscribers = Volatile.Read(ref _subscribers);
        ThreadPool.UnsafeQueueUserWorkItem(static state => Deliver(state.Subscribers, state.Changes), (Subscribers: subscribers, Changes: changes), preferLocal: false);
    }

    private static void Deliver(Dictionary<long, Action<long?>[]> subscribers, StoreChange[] changes)
    {
        foreach (var change in changes)
        {
            if (!subscribers.TryGetValue(change.UserId, out var list))
            {
                continue;
            }

            foreach (var callback in list)
            {
                try
                {
                    callback(change.FolderId);
                }
#pragma warning disable CA1031 // One subscriber's fault must not keep the notice from the others.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
    }

    private void Unsubscribe(long userId, Action<long?> changed)
    {
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(userId, out var list) || Array.IndexOf(list, changed) is var i && i < 0)
            {
                return;
            }

            var next = new Dictionary<long, Action<long?>[]>(_subscribers);
            var rest = list.Where((_, j) => j != i).ToArray();
            if (rest.Length == 0)
            {
                next.Remove(userId);
            }
            else
            {
                next[userId] = rest;
            }

            _subscribers = next;
            _count--;
        }
    }

    private sealed class Subscription(StoreChanges owner, long userId, Action<long?> changed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(userId, changed);
            }
        }
    }
}
