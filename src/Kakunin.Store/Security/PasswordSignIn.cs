using System.Net;
using Microsoft.Extensions.Logging;

namespace Kakunin.Store.Security;

/// <summary>
/// The one way a password is checked, for SMTP AUTH and the webmail sign-in alike: asks the shared
/// <see cref="IAuthThrottle"/> first (a refused attempt costs no hashing and is refused even with the right
/// password), checks the password, waits before answering a failure, and writes one log line per failure and per
/// refusal in a fixed form that fail2ban matches (deploy/fail2ban/filter.d/kakunin.conf, docs/security.md).
/// </summary>
public sealed partial class PasswordSignIn
{
    private readonly DirectoryRepository _directory;
    private readonly IAuthThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PasswordSignIn(KakuninStore store, IAuthThrottle throttle, TimeProvider time, ILogger<PasswordSignIn> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_directory, _throttle, _time, _logger) = (store.Directory, throttle, time, logger);
    }

    /// <summary>
    /// Checks <paramref name="password"/> for <paramref name="account"/> from <paramref name="client"/>.
    /// <paramref name="service"/> ("smtp", "web") only goes into the log line. A wrong answer comes back after
    /// the throttle's delay (an asynchronous wait; no thread is held).
    /// </summary>
    public async Task<SignInResult> SignInAsync(string account, string password, IPAddress? client, string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(password);
        var address = client is null ? "unknown" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
        var verdict = await _throttle.CheckAsync(account, client, cancellationToken).ConfigureAwait(false);
        if (verdict.IsRefused)
        {
            var seconds = (long)Math.Ceiling(verdict.RetryAfter.TotalSeconds);
            Refused(_logger, address, service, verdict.Refusal == AuthRefusal.Account ? "account" : "address", seconds);
            return SignInResult.Refused(TimeSpan.FromSeconds(seconds));
        }

        var user = await _directory.VerifyPasswordAsync(account, password, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            await _throttle.RecordSuccessAsync(account, cancellationToken).ConfigureAwait(false);
            return SignInResult.Accepted(user);
        }

        var failure = await _throttle.RecordFailureAsync(account, client, cancellationToken).ConfigureAwait(false);
        Failed(_logger, address, service, failure.Failures);
        if (failure.Delay > TimeSpan.Zero)
        {
            await Task.Delay(failure.Delay, _time, cancellationToken).ConfigureAwait(false);
        }

        return SignInResult.Wrong;
    }

    // The two lines fail2ban matches: "client=<HOST>" right after a fixed text. No account name (a password typed
    // into the name field would land in the log) and never the password.
    [LoggerMessage(1, LogLevel.Warning, "Authentication failed: client={Client} service={Service} failures={Failures}")]
    private static partial void Failed(ILogger logger, string client, string service, int failures);

    [LoggerMessage(2, LogLevel.Warning, "Authentication refused: client={Client} service={Service} limit={Limit} retry-after={Seconds}s")]
    private static partial void Refused(ILogger logger, string client, string service, string limit, long seconds);
}
