namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// What one attempt of <paramref name="Delivery"/> came to: an HTTP status (2xx is success) and the answer's first bytes,
/// or no status and the reason there was no answer (refused target, connection refused, timed out).
/// </summary>
internal sealed record AttemptResult(DueDelivery Delivery, DateTimeOffset At, int? Status, string? Response)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
