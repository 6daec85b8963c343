namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// A pending delivery whose time has come, with what its attempt needs from its endpoint. <paramref name="LeaseToken"/>:
/// on PostgreSQL, the fencing token of this node's claim (<see cref="OutboxLease"/>), which its result must still hold
/// to be written; null on SQLite, where the dispatcher's in-memory set is the claim.
/// </summary>
internal sealed record DueDelivery(long Id, long EndpointId, long EventId, int Attempts, DateTimeOffset RetryFrom, string Url, string Secret, long? LeaseToken = null);
