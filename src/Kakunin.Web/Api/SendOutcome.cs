namespace Kakunin.Web.Api;

/// <summary>What a send through the API came to.</summary>
/// <param name="ResponseJson">The answer's body (201 Created), first or replayed.</param>
/// <param name="Replayed">An earlier request with the same Idempotency-Key and body sent it; nothing was sent now.</param>
/// <param name="TooLarge">The composed message exceeds the server's message size limit: nothing was sent.</param>
/// <param name="KeyReusedWithOtherBody">The Idempotency-Key was used with another body: nothing was sent (422).</param>
public sealed record SendOutcome(string? ResponseJson, string? MessageId, bool Replayed = false, long? TooLarge = null, bool KeyReusedWithOtherBody = false);
