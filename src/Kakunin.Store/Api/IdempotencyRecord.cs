namespace Kakunin.Store.Api;

/// <summary>A POST already answered under an Idempotency-Key: what its body hashed to, what it sent, and the answer given.</summary>
/// <param name="RequestHash">SHA-256 (hex) of the request body; another body under the same key is refused (422).</param>
/// <param name="TrackingMessageId">The message the first request sent (tracking_messages.id).</param>
/// <param name="Response">The JSON answered the first time, returned as it was to every retry.</param>
public sealed record IdempotencyRecord(string RequestHash, long TrackingMessageId, string Response, DateTimeOffset CreatedAt);
