namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// How this node claims deliveries on PostgreSQL (docs/webhooks.md, "Several processes or nodes"): its name in the lease columns of
/// webhook_deliveries (migration 20) and how long a claim holds, on the database's clock, before another node may take
/// the delivery over. Null on SQLite.
/// </summary>
internal sealed record OutboxLease(string Node, TimeSpan Duration);
