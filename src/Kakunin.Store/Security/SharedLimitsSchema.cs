namespace Kakunin.Store.Security;

/// <summary>
/// Migration 21: the state that was kept per process and must be shared when several nodes run on one PostgreSQL
/// database (issue 14, docs/postgresql.md "What moves into the database for several nodes"):
/// <list type="bullet">
/// <item><c>auth_failures</c>: the sign-in throttle's count per account and per source address (<c>kind</c> 'account'
/// or 'address', <c>key</c> as <see cref="AuthThrottle"/> keys them), the time of the last failure and until when the
/// key is refused (0: not refused). <see cref="DatabaseAuthThrottle"/>.</item>
/// <item><c>api_rate_windows</c>: the API's fixed one-minute window per token or per address: which minute and how many
/// calls in it. Api.ApiRateWindows.</item>
/// <item><c>created_token_slots</c>: the webmail's one-time slot for a newly created API token, the token's text
/// encrypted by the webmail's data protection, deleted on its first read. Api.CreatedTokenSlotRepository.</item>
/// </list>
/// On SQLite the tables exist but the server keeps these in memory (one process per data folder: exact, and no
/// round trip). On PostgreSQL they are UNLOGGED: no WAL is written or flushed for them (a failed sign-in or an API
/// call costs no fsync), and after a crash of PostgreSQL they are empty, as the in-memory state is after a restart.
/// </summary>
internal static class SharedLimitsSchema
{
    public static IReadOnlyList<string> Statements { get; } =
    [
        "CREATE TABLE auth_failures (kind TEXT NOT NULL, key TEXT NOT NULL, failures INTEGER NOT NULL, last_failure_at INTEGER NOT NULL, " +
            "refused_until INTEGER NOT NULL, PRIMARY KEY (kind, key))",
        "CREATE INDEX ix_auth_failures_last ON auth_failures (last_failure_at)",
        "CREATE TABLE api_rate_windows (key TEXT PRIMARY KEY, window_start INTEGER NOT NULL, requests INTEGER NOT NULL)",
        "CREATE INDEX ix_api_rate_windows_start ON api_rate_windows (window_start)",
        "CREATE TABLE created_token_slots (slot TEXT PRIMARY KEY, user_address TEXT NOT NULL, protected_token TEXT NOT NULL, expires_at INTEGER NOT NULL)",
        "CREATE INDEX ix_created_token_slots_expires ON created_token_slots (expires_at)",
    ];

    /// <summary>The same tables for PostgreSQL (<see cref="Postgres.PostgresSchema"/>), UNLOGGED.</summary>
    public static IReadOnlyList<string> PostgresStatements { get; } =
    [
        "CREATE UNLOGGED TABLE auth_failures (kind TEXT NOT NULL, key TEXT NOT NULL, failures BIGINT NOT NULL, last_failure_at BIGINT NOT NULL, " +
            "refused_until BIGINT NOT NULL, PRIMARY KEY (kind, key))",
        "CREATE INDEX ix_auth_failures_last ON auth_failures (last_failure_at)",
        "CREATE UNLOGGED TABLE api_rate_windows (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, requests BIGINT NOT NULL)",
        "CREATE INDEX ix_api_rate_windows_start ON api_rate_windows (window_start)",
        "CREATE UNLOGGED TABLE created_token_slots (slot TEXT PRIMARY KEY, user_address TEXT NOT NULL, protected_token TEXT NOT NULL, expires_at BIGINT NOT NULL)",
        "CREATE INDEX ix_created_token_slots_expires ON created_token_slots (expires_at)",
    ];
}
