using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Kakunin.Smtp.Server;

/// <summary>What a live connection is doing, as far as choosing whom to close under pressure goes.</summary>
public enum SmtpConnectionPhase
{
    /// <summary>Working for the client (a command, the backend, a reply): never chosen.</summary>
    Busy,

    /// <summary>Waiting for the client's TLS handshake (STARTTLS or implicit TLS): chosen first.</summary>
    Handshake,

    /// <summary>Waiting for a command line.</summary>
    Command,

    /// <summary>Waiting for DATA or BDAT content.</summary>
    Content,
}

/// <summary>
/// One live connection in the <see cref="SmtpConnectionLimiter"/>'s registry: its phase, when it started waiting, and
/// the token that fires when the limiter gives its slot to a newcomer.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A CancellationTokenSource without a timer or wait handle holds nothing to free; disposing it could race with an eviction.")]
public sealed class SmtpConnectionSlot
{
    private readonly CancellationTokenSource _evicted = new();
    private readonly SmtpConnectionLimiter? _limiter;
    private readonly TimeProvider _time;
    private long _waitingSince;
    private int _phase;

    internal SmtpConnectionSlot(SmtpConnectionLimiter? limiter, IPAddress? address, TimeProvider time)
    {
        _limiter = limiter;
        Address = address;
        _time = time;
        Wait(SmtpConnectionPhase.Busy);
    }

    /// <summary>The client's address, null when unknown.</summary>
    public IPAddress? Address { get; }

    /// <summary>What the connection is doing now.</summary>
    public SmtpConnectionPhase Phase => (SmtpConnectionPhase)Volatile.Read(ref _phase);

    /// <summary>Fires when the slot was given to a newcomer: the session answers 421 4.7.0 (if it can) and closes.</summary>
    public CancellationToken Evicted => _evicted.Token;

    /// <summary>Whether the server is under stress now (shorter waits).</summary>
    public bool Stressed => _limiter?.Stressed ?? false;

    /// <summary>A slot outside any registry (unit tests of the loop).</summary>
    public static SmtpConnectionSlot Unregistered(TimeProvider time) => new(null, null, time);

    /// <summary>Marks the start of a wait for the client (or, with <see cref="SmtpConnectionPhase.Busy"/>, of work).</summary>
    public void Wait(SmtpConnectionPhase phase)
    {
        Volatile.Write(ref _waitingSince, _time.GetTimestamp());
        Volatile.Write(ref _phase, (int)phase);
    }

    /// <summary>How long the connection has been in its phase.</summary>
    internal TimeSpan Idle => _time.GetElapsedTime(Volatile.Read(ref _waitingSince));

    internal void Evict() => _evicted.Cancel();
}
