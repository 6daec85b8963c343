using Kakunin.Store;

namespace Kakunin.Queue;

/// <summary>What one settlement transaction committed: for metrics and logs after the commit.</summary>
internal sealed record SettlementResult(
    QueueMessageRecord Message,
    IReadOnlyList<QueueRecipientRecord> Settled,
    string? DsnQueueId,
    IReadOnlyList<(string Address, string Action)> Reported);
