using System.Net;
using Kakunin.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kakunin.Smtp.Server;

/// <summary>
/// The one registry of live SMTP connections (one per process, shared by all listeners): counts overall and per
/// client address, the stress state, and, at the limit, which idle session gives its slot to a newcomer.
/// All decisions are taken under one lock; evicted sessions are told after it is released.
/// </summary>
public sealed class SmtpConnectionLimiter(IOptions<SmtpServerOptions> options, TimeProvider time, ILogger<SmtpConnectionLimiter> logger)
{
    private readonly HashSet<SmtpConnectionSlot> _live = [];
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _lock = new();
    private volatile bool _stressed;

    /// <summary>Whether open connections have reached <see cref="SmtpServerOptions.StressThreshold"/> of the limit.</summary>
    public bool Stressed => _stressed;

    /// <summary>Open connections now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>Takes a slot: the slot, or null and the reply to send. At the overall limit an idle session may be evicted for it.</summary>
    public SmtpConnectionSlot? TryEnter(IPAddress? address, out SmtpReply? refusal)
    {
        var limits = options.Value;
        SmtpConnectionSlot? victim = null;
        SmtpConnectionSlot slot;
        lock (_lock)
        {
            refusal = null;
            var count = 0;
            if (address is not null && _perAddress.TryGetValue(address, out count) && count >= limits.MaxConnectionsPerAddress)
            {
                refusal = SmtpServerReplies.TooManyConnectionsFromAddress;
                return null;
            }

            if (_live.Count >= limits.MaxConnections)
            {
                victim = ChooseVictim(limits.EvictionMinimumIdle);
                if (victim is null)
                {
                    refusal = SmtpServerReplies.TooManyConnections;
                    return null;
                }

                Release(victim);
            }

            slot = new SmtpConnectionSlot(this, address, time);
            _live.Add(slot);
            if (address is not null)
            {
                _perAddress.TryGetValue(address, out count);
                _perAddress[address] = count + 1;
            }

            UpdateStress(limits);
        }

        if (victim is not null)
        {
            Log.ConnectionEvicted(logger, victim.Address?.ToString(), victim.Phase, victim.Idle.TotalSeconds);
            victim.Evict();
        }

        return slot;
    }

    /// <summary>Gives back a slot taken by <see cref="TryEnter"/> (nothing if it was already given to a newcomer).</summary>
    public void Exit(SmtpConnectionSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        lock (_lock)
        {
            if (Release(slot))
            {
                UpdateStress(options.Value);
            }
        }
    }

    // Under _lock. A stalled handshake first, then a session waiting for a command, then for content; the longest idle wins.
    private SmtpConnectionSlot? ChooseVictim(TimeSpan minimumIdle)
    {
        SmtpConnectionSlot? best = null;
        foreach (var candidate in _live)
        {
            if (candidate.Phase == SmtpConnectionPhase.Busy || candidate.Idle < minimumIdle)
            {
                continue;
            }

            if (best is null || candidate.Phase < best.Phase || (candidate.Phase == best.Phase && candidate.Idle > best.Idle))
            {
                best = candidate;
            }
        }

        return best;
    }

    // Under _lock.
    private bool Release(SmtpConnectionSlot slot)
    {
        if (!_live.Remove(slot))
        {
            return false;
        }

        if (slot.Address is { } address && _perAddress.TryGetValue(address, out var count))
        {
            if (count <= 1)
            {
                _perAddress.Remove(address);
            }
            else
            {
                _perAddress[address] = count - 1;
            }
        }

        return true;
    }

    // Under _lock. Postfix STRESS_README: stress is on when the process limit is nearly reached; logged once per change.
    private void UpdateStress(SmtpServerOptions limits)
    {
        var stressed = _live.Count >= Math.Ceiling(limits.MaxConnections * limits.StressThreshold);
        if (stressed != _stressed)
        {
            _stressed = stressed;
            Log.StressChanged(logger, stressed ? "on" : "off", _live.Count, limits.MaxConnections);
        }
    }
}
