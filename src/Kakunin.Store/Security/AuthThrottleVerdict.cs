namespace Kakunin.Store.Security;

/// <summary>What <see cref="AuthThrottle.Check"/> decided: allowed, or refused for a while and why.</summary>
/// <param name="Refusal">None when the attempt may be checked; else whether the account or the address is refused.</param>
/// <param name="RetryAfter">How long the refusal still lasts (zero when allowed).</param>
public readonly record struct AuthThrottleVerdict(AuthRefusal Refusal, TimeSpan RetryAfter)
{
    public static AuthThrottleVerdict Allowed => default;

    public bool IsRefused => Refusal != AuthRefusal.None;
}
