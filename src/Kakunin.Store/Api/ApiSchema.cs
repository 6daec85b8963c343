namespace Kakunin.Store.Api;

/// <summary>
/// Migration 12 (docs/api.md): API tokens and the Idempotency-Key records of the send endpoint. A token's text is
/// never stored, only its SHA-256 (hex) and a short prefix a person can recognise it by in a list.
/// </summary>
internal static class ApiSchema
{
    public static IReadOnlyList<string> Statements { get; } =
    [
        // revoked_at: null while the token works; a revoked row stays so the list can say when and by whom it went.
        "CREATE TABLE api_tokens (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), name TEXT NOT NULL, " +
        "token_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at INTEGER NOT NULL, last_used_at INTEGER, revoked_at INTEGER)",
        "CREATE INDEX ix_api_tokens_user ON api_tokens (user_id)",
        // One row per (token, key): written in the same commit as the message it sent, so a retry finds it or
        // nothing was sent. tracking_message_id names what was sent; the response is rebuilt from it. Kept 24 hours.
        "CREATE TABLE api_idempotency (token_id INTEGER NOT NULL REFERENCES api_tokens (id), idempotency_key TEXT NOT NULL, " +
        "request_hash TEXT NOT NULL, tracking_message_id INTEGER NOT NULL, response TEXT, created_at INTEGER NOT NULL, PRIMARY KEY (token_id, idempotency_key))",
        "CREATE INDEX ix_api_idempotency_created ON api_idempotency (created_at)",
    ];
}
