using System.Net;
using System.Net.Sockets;
using Kakunin.Protocol;

namespace Kakunin.Store.Security;

/// <summary>
/// Counts failed password checks per account and per source address, and says how long to wait before
/// answering a failure and when to refuse outright. One instance per process, shared by SMTP AUTH (every
/// listener), IMAP and the webmail sign-in, so neither reconnecting nor switching port or protocol resets it.
/// This is the in-memory keeping of the rules, used on SQLite (one process per data folder, so memory is exact and
/// costs no database round trip); on PostgreSQL several nodes share <see cref="DatabaseAuthThrottle"/> instead, with
/// the same rules (<see cref="ForStore"/>).
/// </summary>
/// <remarks>
/// Pure logic over a <see cref="TimeProvider"/>; the caller does the waiting and the logging
/// (<see cref="PasswordSignIn"/>). The rules: a failure counts for <see cref="AuthThrottleOptions.FailureWindow"/>;
/// each failure's answer waits longer (doubling, Dovecot auth penalty style); reaching a limit refuses the account
/// or the address for <see cref="AuthThrottleOptions.RefusalDuration"/> (Windows account lockout style), and a
/// refused attempt is not checked at all, so the right password is refused too and guessing gains nothing.
/// A success clears the account's count, not the address's: otherwise one valid account would let an address
/// reset its count between guesses at others.
/// </remarks>
public sealed class AuthThrottle : IAuthThrottle
{
    private readonly AuthThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Entry> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _addresses = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public AuthThrottle(AuthThrottleOptions options, TimeProvider time)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(time);
        (_options, _time) = (options, time);
    }

    /// <summary>
    /// The throttle for a server on <paramref name="store"/>: this process's memory on SQLite (one process per data
    /// folder), the database's <c>auth_failures</c> table on PostgreSQL, so that N nodes do not allow N times the guesses.
    /// </summary>
    public static IAuthThrottle ForStore(KakuninStore store, AuthThrottleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.IsSqlite ? new AuthThrottle(options, time) : new DatabaseAuthThrottle(store, options, time);
    }

    /// <summary>Whether an attempt on <paramref name="account"/> from <paramref name="client"/> may be checked now.</summary>
    public AuthThrottleVerdict Check(string account, IPAddress? client)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return Decide(RefusedFor(_accounts, AccountKey(account), now), RefusedFor(_addresses, AddressKey(client), now));
        }
    }

    /// <summary>Records a wrong password (or unknown account); returns how long to wait before answering.</summary>
    public AuthFailure RecordFailure(string account, IPAddress? client)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var accountFailures = Fail(_accounts, AccountKey(account), _options.AccountFailureLimit, now);
            var addressFailures = Fail(_addresses, AddressKey(client), _options.AddressFailureLimit, now);
            return Outcome(_options, accountFailures, addressFailures);
        }
    }

    /// <summary>Records a right password: the account's failures are forgotten (the address's are not).</summary>
    public void RecordSuccess(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_lock)
        {
            _accounts.Remove(AccountKey(account));
        }
    }

    /// <summary>The key of a source address: IPv4 as is (mapped addresses unmapped), IPv6 by its /64.</summary>
    public static string AddressKey(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        // One IPv6 subscriber gets at least a /64 (RFC 6177 §2), so counting single addresses would let one
        // attacker rotate through 2^64 of them.
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    ValueTask<AuthThrottleVerdict> IAuthThrottle.CheckAsync(string account, IPAddress? client, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Check(account, client));

    ValueTask<AuthFailure> IAuthThrottle.RecordFailureAsync(string account, IPAddress? client, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RecordFailure(account, client));

    ValueTask IAuthThrottle.RecordSuccessAsync(string account, CancellationToken cancellationToken)
    {
        RecordSuccess(account);
        return ValueTask.CompletedTask;
    }

    internal static void Validate(AuthThrottleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AccountFailureLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AddressFailureLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTrackedKeys, 1);
    }

    internal static string AccountKey(string account) => MailboxIdentity.KeyOf(account);

    /// <summary>The verdict from how long the account and the address are still refused (the longer one is named).</summary>
    internal static AuthThrottleVerdict Decide(TimeSpan byAccount, TimeSpan byAddress) =>
        byAddress > TimeSpan.Zero && byAddress >= byAccount
            ? new AuthThrottleVerdict(AuthRefusal.Address, byAddress)
            : byAccount > TimeSpan.Zero
                ? new AuthThrottleVerdict(AuthRefusal.Account, byAccount)
                : AuthThrottleVerdict.Allowed;

    /// <summary>What a failure decided, from the account's and the address's counts with it included.</summary>
    internal static AuthFailure Outcome(AuthThrottleOptions options, int accountFailures, int addressFailures)
    {
        var failures = Math.Max(accountFailures, addressFailures);
        var refused = accountFailures >= options.AccountFailureLimit || addressFailures >= options.AddressFailureLimit;
        return new AuthFailure(Delay(options, failures), failures, refused);
    }

    private static TimeSpan Delay(AuthThrottleOptions options, int failures)
    {
        // Dovecot auth penalty: the wait doubles with each failure, up to a maximum.
        var delay = options.FailureDelay;
        for (var i = 1; i < failures && delay < options.MaxFailureDelay; i++)
        {
            delay *= 2;
        }

        return delay < options.MaxFailureDelay ? delay : options.MaxFailureDelay;
    }

    private static TimeSpan RefusedFor(Dictionary<string, Entry> entries, string key, DateTimeOffset now) =>
        entries.TryGetValue(key, out var entry) && entry.RefusedUntil > now ? entry.RefusedUntil - now : TimeSpan.Zero;

    private int Fail(Dictionary<string, Entry> entries, string key, int limit, DateTimeOffset now)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            if (entries.Count >= _options.MaxTrackedKeys)
            {
                Prune(entries, now);
            }

            if (entries.Count >= _options.MaxTrackedKeys)
            {
                return 0; // Full of live entries: this key is not tracked (the memory bound wins).
            }

            entry = new Entry();
            entries[key] = entry;
        }

        if (now - entry.LastFailure >= _options.FailureWindow)
        {
            entry.Failures = 0;
        }

        entry.Failures++;
        entry.LastFailure = now;
        if (entry.Failures >= limit)
        {
            entry.RefusedUntil = now + _options.RefusalDuration;
        }

        return entry.Failures;
    }

    private void Prune(Dictionary<string, Entry> entries, DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (entry.RefusedUntil <= now && now - entry.LastFailure >= _options.FailureWindow)
            {
                entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset RefusedUntil { get; set; }
    }
}
