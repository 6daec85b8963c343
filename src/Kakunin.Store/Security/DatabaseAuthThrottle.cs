using System.Data.Common;
using System.Globalization;
using System.Net;

namespace Kakunin.Store.Security;

/// <summary>
/// The sign-in throttle kept in the database's <c>auth_failures</c> table (migration 21), so that every node on one
/// PostgreSQL database counts the same failures: with a count per process, N nodes behind a balancer would allow N
/// times the guesses. The rules and options are <see cref="AuthThrottle"/>'s, row for entry (docs/security.md).
/// </summary>
/// <remarks>
/// Cost (docs/postgresql.md, "Sign-in throttle"): <see cref="CheckAsync"/> is one SELECT of at most two rows by primary
/// key; a success is one DELETE by primary key, which on PostgreSQL writes nothing when the account had no failures
/// (no row, no transaction id, no WAL); a failure is one UPSERT per key (account, address), atomic per row, so two
/// nodes' failures at the same moment both count. Statements run on a pooled connection of their own, not through the
/// store's writer: no durable commit, no commit notice to the other nodes, and the table is UNLOGGED on PostgreSQL.
/// Bounded against an attacker inventing account names: at most once a minute per node, a failure deletes the rows
/// whose window and refusal are over (they mean nothing any more, as <see cref="AuthThrottle"/>'s pruned entries) and
/// counts what is left per kind; while a kind holds <see cref="AuthThrottleOptions.MaxTrackedKeys"/> rows or more,
/// new keys of that kind are not added (existing ones still count), as in memory. So the table holds at most that
/// many rows per kind plus what all nodes add in one minute.
/// </remarks>
public sealed class DatabaseAuthThrottle : IAuthThrottle
{
    private const string AccountKind = "account";
    private const string AddressKind = "address";

    // The in-memory rules as SQL: a count older than the window starts again at 1; reaching the limit refuses until @until.
    private const string NextCount = "CASE WHEN auth_failures.last_failure_at <= @stale THEN 1 ELSE auth_failures.failures + 1 END";
    private const string Update =
        "failures = " + NextCount + ", last_failure_at = @now, " +
        "refused_until = CASE WHEN " + NextCount + " >= @limit THEN @until ELSE auth_failures.refused_until END";

    private const string Upsert =
        "INSERT INTO auth_failures (kind, key, failures, last_failure_at, refused_until) " +
        "VALUES (@kind, @key, 1, @now, CASE WHEN 1 >= @limit THEN @until ELSE 0 END) " +
        "ON CONFLICT (kind, key) DO UPDATE SET " + Update + " RETURNING failures";

    private const string UpdateOnly = "UPDATE auth_failures SET " + Update + " WHERE kind = @kind AND key = @key RETURNING failures";

    /// <summary>How often one node prunes and counts the table (on a failure, never on a check or a success).</summary>
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly KakuninStore _store;
    private readonly AuthThrottleOptions _options;
    private readonly TimeProvider _time;
    private long _nextPruneMs = long.MinValue; // Unix ms; the failure that moves it on (compare-exchange) prunes
    private volatile bool _accountsFull;
    private volatile bool _addressesFull;

    public DatabaseAuthThrottle(KakuninStore store, AuthThrottleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        AuthThrottle.Validate(options);
        ArgumentNullException.ThrowIfNull(time);
        (_store, _options, _time) = (store, options, time);
    }

    public async ValueTask<AuthThrottleVerdict> CheckAsync(string account, IPAddress? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = _time.GetUtcNow();
        var byAccount = TimeSpan.Zero;
        var byAddress = TimeSpan.Zero;
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            "SELECT kind, refused_until FROM auth_failures WHERE ((kind = @ak AND key = @a) OR (kind = @ik AND key = @i)) AND refused_until > @now",
            ("@ak", AccountKind), ("@a", AuthThrottle.AccountKey(account)), ("@ik", AddressKind), ("@i", AuthThrottle.AddressKey(client)),
            ("@now", now.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var left = Sql.FromUnixMs(reader.GetInt64(1)) - now;
            if (reader.GetString(0) == AccountKind)
            {
                byAccount = left;
            }
            else
            {
                byAddress = left;
            }
        }

        return AuthThrottle.Decide(byAccount, byAddress);
    }

    public async ValueTask<AuthFailure> RecordFailureAsync(string account, IPAddress? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = _time.GetUtcNow();
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await PruneIfDueAsync(connection, now, cancellationToken).ConfigureAwait(false);
        var accountFailures = await FailAsync(connection, AccountKind, AuthThrottle.AccountKey(account), _options.AccountFailureLimit, _accountsFull, now, cancellationToken).ConfigureAwait(false);
        var addressFailures = await FailAsync(connection, AddressKind, AuthThrottle.AddressKey(client), _options.AddressFailureLimit, _addressesFull, now, cancellationToken).ConfigureAwait(false);
        return AuthThrottle.Outcome(_options, accountFailures, addressFailures);
    }

    public async ValueTask RecordSuccessAsync(string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "DELETE FROM auth_failures WHERE kind = @kind AND key = @key", ("@kind", AccountKind), ("@key", AuthThrottle.AccountKey(account)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> FailAsync(DbConnection connection, string kind, string key, int limit, bool full, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Full of live rows: a key not yet there is not tracked (the bound wins), one that is still counts.
        await using var command = Sql.Command(
            connection,
            full ? UpdateOnly : Upsert,
            ("@kind", kind), ("@key", key), ("@now", now.ToUnixTimeMilliseconds()), ("@stale", (now - _options.FailureWindow).ToUnixTimeMilliseconds()),
            ("@limit", (long)limit), ("@until", (now + _options.RefusalDuration).ToUnixTimeMilliseconds()));
        var failures = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return failures is null or DBNull ? 0 : Convert.ToInt32(failures, CultureInfo.InvariantCulture);
    }

    private async Task PruneIfDueAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // As ApiRateWindows: of the failures that find the prune due, the one whose compare-exchange moves the time on prunes.
        var nextPrune = Volatile.Read(ref _nextPruneMs);
        if (now.ToUnixTimeMilliseconds() < nextPrune
            || Interlocked.CompareExchange(ref _nextPruneMs, (now + PruneInterval).ToUnixTimeMilliseconds(), nextPrune) != nextPrune)
        {
            return;
        }

        await using (var delete = Sql.Command(
            connection,
            "DELETE FROM auth_failures WHERE refused_until <= @now AND last_failure_at <= @stale",
            ("@now", now.ToUnixTimeMilliseconds()), ("@stale", (now - _options.FailureWindow).ToUnixTimeMilliseconds())))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var (accounts, addresses) = (0L, 0L);
        await using var count = Sql.Command(connection, "SELECT kind, COUNT(*) FROM auth_failures GROUP BY kind");
        await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.GetString(0) == AccountKind)
            {
                accounts = reader.GetInt64(1);
            }
            else
            {
                addresses = reader.GetInt64(1);
            }
        }

        _accountsFull = accounts >= _options.MaxTrackedKeys;
        _addressesFull = addresses >= _options.MaxTrackedKeys;
    }
}
