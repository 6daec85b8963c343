namespace Kakunin.Store.Security;

/// <summary>
/// The limits of <see cref="AuthThrottle"/>, bound from the "Kakunin:AuthThrottle" configuration section
/// (KAKUNIN__AUTHTHROTTLE__ACCOUNTFAILURELIMIT=10). One record for SMTP AUTH and the webmail sign-in, since
/// they share one throttle. The reasons for each default are in docs/security.md.
/// </summary>
public sealed class AuthThrottleOptions
{
    /// <summary>
    /// Failed attempts on one account (from anywhere) within <see cref="FailureWindow"/> before the account is
    /// refused for <see cref="RefusalDuration"/>. Default 10: the Windows security baseline's account lockout
    /// threshold (and within OWASP's "3 to 10" range for lockout thresholds).
    /// </summary>
    public int AccountFailureLimit { get; set; } = 10;

    /// <summary>
    /// Failed attempts from one source address (an IPv4 address or an IPv6 /64) on any accounts within
    /// <see cref="FailureWindow"/> before that address is refused for <see cref="RefusalDuration"/>. Default 20:
    /// higher than the account limit, so one person mistyping two accounts behind a NAT is not locked out,
    /// low enough that password spraying from one address stops after 20 guesses.
    /// </summary>
    public int AddressFailureLimit { get; set; } = 20;

    /// <summary>
    /// How long a failure counts: a key's count starts again when its last failure is older than this.
    /// Default 15 minutes (Windows baseline "reset account lockout counter after 15 minutes").
    /// </summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an account or address is refused once over its limit; even the right password is refused then,
    /// so guessing gains nothing. Default 15 minutes (Windows baseline account lockout duration).
    /// </summary>
    public TimeSpan RefusalDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The wait before answering the first failure; it doubles with each further failure of the account or
    /// address, up to <see cref="MaxFailureDelay"/>. Default 2 s (Dovecot auth_failure_delay, and the start of
    /// Dovecot's auth penalty). The wait is asynchronous: it holds no thread.
    /// </summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait before a failure is answered. Default 15 s (Dovecot AUTH_PENALTY_MAX_SECS).</summary>
    public TimeSpan MaxFailureDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Most accounts and addresses tracked at once (memory bound against an attacker inventing account names; on
    /// PostgreSQL the bound of <c>auth_failures</c> rows per kind, checked once a minute per node by
    /// <see cref="DatabaseAuthThrottle"/>). When full after dropping expired entries, new account names are not tracked
    /// (addresses still are, up to their own bound). Default 100,000 (a few MB).
    /// </summary>
    public int MaxTrackedKeys { get; set; } = 100_000;
}
