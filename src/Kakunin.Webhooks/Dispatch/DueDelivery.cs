namespace Kakunin.Webhooks.Dispatch;

/// <summary>A pending delivery whose time has come, with what its attempt needs from its endpoint.</summary>
internal sealed record DueDelivery(long Id, long EndpointId, long EventId, int Attempts, DateTimeOffset RetryFrom, string Url, string Secret);
