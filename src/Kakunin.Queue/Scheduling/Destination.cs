namespace Kakunin.Queue.Scheduling;

/// <summary>
/// One remote destination (a domain, or the smarthost) as the scheduler sees it: the jobs waiting for it, how many
/// run, and its concurrency window, which grows while it answers and shrinks when it does not (Postfix qmgr's
/// slow start and feedback, docs/queue.md "Scheduling"). Not thread-safe: <see cref="DestinationScheduler"/> holds
/// its lock around every use.
/// </summary>
internal sealed class Destination(string name, double window)
{
    public string Name { get; } = name;

    public Queue<DeliveryJob> Waiting { get; } = new();

    public int Running { get; set; }

    /// <summary>How many deliveries may run at once: the floor of this, at least 1.</summary>
    public double Window { get; private set; } = window;

    /// <summary>Until when nothing is attempted: every job is deferred without a connection.</summary>
    public DateTimeOffset? DeadUntil { get; private set; }

    /// <summary>What the last unresponsive attempt said, for the deferral reason of suspended jobs.</summary>
    public string? LastError { get; private set; }

    public bool MayStartOne => DeadUntil is null && Waiting.Count > 0 && Running < Math.Max(1, (int)Math.Floor(Window));

    /// <summary>
    /// Nothing running or waiting, not dead and not narrowed by failures: it can be forgotten (and starts afresh when
    /// mail for it comes again). A destination that has been failing is remembered, or mail arriving one message at
    /// a time would never see it declared dead.
    /// </summary>
    public bool IsForgettable(int initialWindow) => Running == 0 && Waiting.Count == 0 && DeadUntil is null && Window >= initialWindow;

    /// <summary>A responsive delivery: the window grows by 1/window, so by one per window's worth of successes.</summary>
    public void Responded(int limit) => Window = Math.Min(limit, Window + (1 / Window));

    /// <summary>
    /// An unresponsive delivery: the window shrinks by one; at one it was already probing with a single connection,
    /// so the destination is declared dead until <paramref name="until"/>. True when it was declared dead now.
    /// </summary>
    public bool DidNotRespond(string? error, DateTimeOffset until)
    {
        LastError = error ?? LastError;
        if (DeadUntil is not null)
        {
            return false; // a delivery that started before it was declared dead
        }

        if (Window <= 1)
        {
            DeadUntil = until;
            return true;
        }

        Window = Math.Max(1, Window - 1);
        return false;
    }

    /// <summary>After the back-off: try again with one connection at a time.</summary>
    public void Revive()
    {
        DeadUntil = null;
        Window = 1;
    }
}
