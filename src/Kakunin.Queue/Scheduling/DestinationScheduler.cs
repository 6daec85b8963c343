namespace Kakunin.Queue.Scheduling;

/// <summary>
/// Runs remote deliveries under two limits, like Postfix's queue manager: at most
/// <see cref="QueueOptions.RemoteConcurrency"/> in all, and per destination no more than its window
/// (<see cref="QueueOptions.InitialDestinationConcurrency"/> growing to <see cref="QueueOptions.DestinationConcurrencyLimit"/>).
/// Destinations take turns for free slots, so a slow one holds only its own slots. A destination that stops answering
/// is declared dead for <see cref="QueueOptions.DeadDestinationBackoff"/>: what waits for it is deferred at once
/// (no connection), and the others go on.
/// </summary>
internal sealed class DestinationScheduler(QueueOptions options, TimeProvider time, Func<DeliveryJob, Task<DeliveryOutcome>> deliver, Func<DeliveryJob, string, Task> suspend, Action<string, DateTimeOffset, string?> declaredDead)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Destination> _destinations = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Destination> _turns = [];
    private int _lastTurn = -1; // index in _turns of the destination that started last
    private int _running;
    private long _runningBytes;

    /// <summary>Recipients waiting or running here (what counts against <see cref="QueueOptions.MaxActiveRecipients"/>).</summary>
    public int ActiveRecipients { get; private set; }

    /// <summary>The recipient domains of destinations that hold as many waiting jobs as they may: fetch none of theirs.</summary>
    public IReadOnlyCollection<string> FullDomains()
    {
        lock (_gate)
        {
            return [.. _destinations.Values
                .Where(d => d.Waiting.Count >= options.DestinationQueueLimit)
                .SelectMany(d => d.Waiting.Select(j => j.Domain!))
                .Distinct(StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>
    /// An administrator asked for the queue to be retried (<c>kakunin queue retry</c>): every destination declared dead
    /// is tried again from now on, one connection at a time, instead of waiting out its back-off — as Postfix's
    /// <c>postqueue -f</c> flushes its queue manager's dead-destination status. Returns the destinations revived.
    /// </summary>
    public IReadOnlyList<string> ReviveDead()
    {
        lock (_gate)
        {
            var dead = _destinations.Values.Where(d => d.DeadUntil is not null).ToList();
            foreach (var destination in dead)
            {
                destination.Revive();
            }

            return [.. dead.Select(d => d.Name)];
        }
    }

    public void Enqueue(DeliveryJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        DeliveryJob? suspended = null;
        string? reason = null;
        List<(Destination, DeliveryJob)> start;
        lock (_gate)
        {
            ActiveRecipients += job.Recipients.Count;
            var destination = Find(job.Destination!);
            if (destination.DeadUntil is { } until && until > time.GetUtcNow())
            {
                (suspended, reason) = (job, SuspendedReason(destination));
            }
            else
            {
                if (destination.DeadUntil is not null)
                {
                    destination.Revive();
                }

                destination.Waiting.Enqueue(job);
            }

            start = TakeStartable();
        }

        if (suspended is not null)
        {
            _ = SuspendAsync(suspended, reason!);
        }

        Start(start);
    }

    private Destination Find(string name)
    {
        if (!_destinations.TryGetValue(name, out var destination))
        {
            destination = new Destination(name, options.InitialDestinationConcurrency);
            _destinations.Add(name, destination);
            _turns.Add(destination);
        }

        return destination;
    }

    /// <summary>
    /// Under the lock: the jobs that may start now, and counts them as running. Destinations take turns: each start
    /// goes to the next destination after the one that started last that may start one.
    /// </summary>
    private List<(Destination, DeliveryJob)> TakeStartable()
    {
        var start = new List<(Destination, DeliveryJob)>();
        while (_running < options.RemoteConcurrency && _turns.Count > 0)
        {
            var chosen = -1;
            for (var i = 0; i < _turns.Count; i++)
            {
                var index = (_lastTurn + 1 + i) % _turns.Count;
                if (_turns[index].MayStartOne && FitsInMemory(_turns[index].Waiting.Peek()))
                {
                    chosen = index;
                    break;
                }
            }

            if (chosen < 0)
            {
                break;
            }

            var destination = _turns[chosen];
            var job = destination.Waiting.Dequeue();
            destination.Running++;
            _running++;
            _runningBytes += job.Message.Size;
            start.Add((destination, job));
            _lastTurn = chosen;
        }

        return start;
    }

    /// <summary>
    /// Each running delivery holds its message (and the signed copy) in memory: together they stay within
    /// <see cref="QueueOptions.RemoteMemoryBudget"/>, except that one job always may run, however big.
    /// </summary>
    private bool FitsInMemory(DeliveryJob job) => _runningBytes == 0 || _runningBytes + job.Message.Size <= options.RemoteMemoryBudget;

    private void Start(List<(Destination Destination, DeliveryJob Job)> jobs)
    {
        foreach (var (destination, job) in jobs)
        {
            _ = Task.Run(() => RunAsync(destination, job));
        }
    }

    private async Task RunAsync(Destination destination, DeliveryJob job)
    {
        var outcome = await deliver(job).ConfigureAwait(false);
        List<DeliveryJob> suspended = [];
        string? reason = null;
        var diedNow = false;
        List<(Destination, DeliveryJob)> start;
        lock (_gate)
        {
            destination.Running--;
            _running--;
            _runningBytes -= job.Message.Size;
            ActiveRecipients -= job.Recipients.Count;
            if (outcome.Feedback == DeliveryFeedback.Responsive)
            {
                destination.Responded(options.DestinationConcurrencyLimit);
            }
            else if (outcome.Feedback == DeliveryFeedback.Unresponsive
                     && destination.DidNotRespond(outcome.Error, time.GetUtcNow() + options.DeadDestinationBackoff))
            {
                diedNow = true;
                reason = SuspendedReason(destination);
                while (destination.Waiting.TryDequeue(out var waiting))
                {
                    suspended.Add(waiting);
                }
            }

            if (destination.IsForgettable(options.InitialDestinationConcurrency))
            {
                _destinations.Remove(destination.Name);
                var index = _turns.IndexOf(destination);
                _turns.RemoveAt(index);
                if (index <= _lastTurn)
                {
                    _lastTurn--; // the turn order of the others stays as it was
                }
            }

            start = TakeStartable();
        }

        if (diedNow)
        {
            declaredDead(destination.Name, destination.DeadUntil!.Value, destination.LastError);
        }

        foreach (var waiting in suspended)
        {
            await SuspendAsync(waiting, reason!).ConfigureAwait(false);
        }

        Start(start);
    }

    private async Task SuspendAsync(DeliveryJob job, string reason)
    {
        try
        {
            await suspend(job, reason).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                ActiveRecipients -= job.Recipients.Count;
            }
        }
    }

    /// <summary>Postfix says "delivery temporarily suspended"; so do we, with the cause.</summary>
    private static string SuspendedReason(Destination destination) =>
        $"delivery to {destination.Name} temporarily suspended: {destination.LastError ?? "it did not answer"}";
}

/// <summary>How a job went: its feedback for the destination window, and the error when it was unresponsive.</summary>
internal sealed record DeliveryOutcome(DeliveryFeedback Feedback, string? Error)
{
    public static DeliveryOutcome Nothing { get; } = new(DeliveryFeedback.None, null);
}
