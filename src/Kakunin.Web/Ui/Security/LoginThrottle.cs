using System.Net;
using System.Threading.RateLimiting;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// Limits sign-in attempts per client IP address (a fixed window of one minute), against password guessing.
/// </summary>
/// <remarks>
/// The limiter is the one ASP.NET Core's rate-limiting middleware uses (System.Threading.RateLimiting), but it
/// is asked from the sign-in handler rather than by the middleware: the middleware refuses before the page
/// runs, so its 429 could only be a bare text, whereas here the sign-in page itself answers 429 with the
/// reason in the reader's language and the form still there. It is checked before the password is, so a
/// refused attempt costs no hashing. Behind a reverse proxy every client has the proxy's address: configure
/// forwarded headers there first.
/// </remarks>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public LoginThrottle(int attemptsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsPerMinute, 1);
        AttemptsPerMinute = attemptsPerMinute;
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = attemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public int AttemptsPerMinute { get; }

    /// <summary>Counts one attempt from <paramref name="client"/>; false when it is over the limit.</summary>
    public bool TryAttempt(IPAddress? client)
    {
        var key = client is { IsIPv4MappedToIPv6: true } ? client.MapToIPv4() : client ?? IPAddress.None;
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
