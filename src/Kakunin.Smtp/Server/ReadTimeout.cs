namespace Kakunin.Smtp.Server;

/// <summary>
/// What a connection's reads wait on: the connection's end, the slot's eviction and a timeout armed for each wait.
/// One timer and one linked source per connection, re-armed for every read, instead of two new sources, a new timer
/// and three registrations per read — a message is seven or more reads (docs/benchmarks.md §1, "CPU per message").
/// </summary>
internal sealed class ReadTimeout : IDisposable
{
    private readonly CancellationToken _connection;
    private readonly CancellationToken _evicted;
    private readonly TimeProvider _time;
    private CancellationTokenSource? _timer;
    private CancellationTokenSource? _linked;

    public ReadTimeout(TimeProvider time, CancellationToken evicted, CancellationToken connection)
    {
        (_connection, _evicted, _time) = (connection, evicted, time);
    }

    /// <summary>A token cancelled when <paramref name="timeout"/> has passed, the connection ends or the slot is evicted.</summary>
    public CancellationToken Arm(TimeSpan timeout)
    {
        if (_linked is null || _linked.IsCancellationRequested)
        {
            // First wait, or the last one was cancelled (a cancelled source cannot be armed again): new sources.
            Dispose();
            _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time); // the timer comes from _time (tests use a fake clock)
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_connection, _timer.Token, _evicted);
        }

        _timer!.CancelAfter(timeout);
        return _linked.Token;
    }

    /// <summary>Stops the timeout once the wait is over; the sources stay for the next wait.</summary>
    public void Disarm()
    {
        if (_timer is { IsCancellationRequested: false } timer)
        {
            timer.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
        (_linked, _timer) = (null, null);
    }
}
