namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// The deliveries this process has taken from the outbox and not yet seen re-read: queued or being sent, waiting for
/// their result to be recorded, or recorded after the last read began. A delivery stays here until a read that began
/// after its result was committed (<see cref="BeginRead"/>), since a read that began before that commit still sees it
/// pending: so one process never sends a delivery twice (a repeat happens only across a crash: at-least-once), and
/// no query per delivery is needed to check it.
/// </summary>
internal sealed class ClaimedDeliveries
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Claim> _claims = [];
    private readonly Dictionary<long, int> _unsettledPerEndpoint = [];
    private long _settlements;

    /// <summary>Claims not yet settled (queued, being sent, or waiting for their result's commit).</summary>
    public int Unsettled
    {
        get
        {
            lock (_lock)
            {
                return _unsettledPerEndpoint.Values.Sum();
            }
        }
    }

    /// <summary>Called before reading the outbox: forgets the claims whose results were committed before now (the read sees them).</summary>
    public void BeginRead()
    {
        lock (_lock)
        {
            var seen = _settlements;
            foreach (var (id, claim) in _claims)
            {
                if (claim.SettledAt != 0 && claim.SettledAt <= seen)
                {
                    _claims.Remove(id);
                }
            }
        }
    }

    /// <summary>Every delivery id claimed for <paramref name="endpointId"/> (settled or not): a read must skip them.</summary>
    public int CountFor(long endpointId)
    {
        lock (_lock)
        {
            return _claims.Values.Count(c => c.EndpointId == endpointId);
        }
    }

    public bool IsClaimed(long deliveryId)
    {
        lock (_lock)
        {
            return _claims.ContainsKey(deliveryId);
        }
    }

    public bool TryClaim(long deliveryId, long endpointId)
    {
        lock (_lock)
        {
            if (!_claims.TryAdd(deliveryId, new Claim(endpointId)))
            {
                return false;
            }

            _unsettledPerEndpoint[endpointId] = _unsettledPerEndpoint.GetValueOrDefault(endpointId) + 1;
            return true;
        }
    }

    /// <summary>The results of <paramref name="deliveryIds"/> are committed (or given up: they stay pending in the outbox).</summary>
    public void Settle(IEnumerable<long> deliveryIds)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        lock (_lock)
        {
            _settlements++;
            foreach (var id in deliveryIds)
            {
                if (_claims.TryGetValue(id, out var claim) && claim.SettledAt == 0)
                {
                    claim.SettledAt = _settlements;
                    _unsettledPerEndpoint[claim.EndpointId]--;
                }
            }
        }
    }

    private sealed class Claim(long endpointId)
    {
        public long EndpointId { get; } = endpointId;

        public long SettledAt { get; set; } // 0: not yet; else the settlement's number
    }
}
