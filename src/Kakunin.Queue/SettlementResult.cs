using Kakunin.Store;

namespace Kakunin.Queue;

/// <summary>What one settlement transaction committed: for metrics and logs after the commit.</summary>
/// <param name="Filed">Reports delivered to local users: the user, the kind (dsn, mdn, bounce) and matched / unmatched.</param>
internal sealed record SettlementResult(
    QueueMessageRecord Message,
    IReadOnlyList<QueueRecipientRecord> Settled,
    string? DsnQueueId,
    IReadOnlyList<(string Address, string Action)> Reported,
    IReadOnlyList<(string Address, string Kind, string State)> Filed)
{
    /// <summary>A pass that settled nothing: its recipients were taken out of the queue (or settled) meanwhile.</summary>
    public static SettlementResult Nothing(QueueMessageRecord message) => new(message, [], null, [], []);
}
