namespace Kakunin.Store.Security;

/// <summary>What <see cref="AuthThrottle.RecordFailure"/> decided.</summary>
/// <param name="Delay">How long to wait (asynchronously) before answering the failure.</param>
/// <param name="Failures">The larger of the account's and the address's failure counts, this one included.</param>
/// <param name="NowRefused">Whether this failure reached a limit (the next attempts are refused).</param>
public readonly record struct AuthFailure(TimeSpan Delay, int Failures, bool NowRefused);
