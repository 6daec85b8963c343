namespace Kakunin.Queue;

/// <summary>
/// Wakes the queue runner as soon as a message is accepted, instead of waiting for the next poll:
/// the time from "250" to delivery (and to a success DSN) is then one pass, not up to a poll
/// interval. Several notifications before the runner wakes count as one.
/// </summary>
public sealed class QueueSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    /// <summary>Says there is new work. Never blocks.</summary>
    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the runner will look once for all of them.
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> passes; true when notified.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pending.Dispose();
}
