using System.Data.Common;
using Kakunin.Protocol;

namespace Kakunin.Store.Api;

/// <summary>
/// API tokens (docs/api.md): created for a user with a name, listed, revoked. Lookups go by the SHA-256 of the
/// presented text on every request, so a token revoked by <c>kakunin token revoke</c> while the server runs stops
/// working at the next request (no cache to go stale).
/// </summary>
public sealed class ApiTokenRepository
{
    private const string Columns = "t.id, u.address, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at";

    private readonly KakuninStore _store;

    internal ApiTokenRepository(KakuninStore store) => _store = store;

    /// <summary>Stores a new token of <paramref name="user"/>; null when there is no such user.</summary>
    public Task<ApiTokenRecord?> CreateAsync(string user, string name, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var address = MailboxIdentity.KeyOf(user);
        var hash = ApiTokenText.Hash(token);
        var prefix = ApiTokenText.PrefixOf(token);
        return _store.Writer.WriteAsync(tx =>
        {
            if (DirectoryRepository.FindUserId(tx, address) is not { } userId)
            {
                return null;
            }

            var id = tx.ScalarInt64(
                "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES (@u, @n, @h, @p, @c) RETURNING id",
                ("@u", userId), ("@n", name.Trim()), ("@h", hash), ("@p", prefix), ("@c", Sql.ToUnixMs(now)))!.Value;
            return new ApiTokenRecord(id, address, name.Trim(), prefix, Sql.FromUnixMs(Sql.ToUnixMs(now)), null, null);
        }, cancellationToken)!;
    }

    /// <summary>The token whose text is <paramref name="token"/>, revoked or not; null when none has it.</summary>
    public async Task<ApiTokenRecord?> FindByTextAsync(string token, CancellationToken cancellationToken)
    {
        var list = await QueryAsync("t.token_hash = @k", ApiTokenText.Hash(token), cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>One token by id, or null.</summary>
    public async Task<ApiTokenRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var list = await QueryAsync("t.id = @k", id, cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>The tokens of one user, or of everyone when <paramref name="user"/> is null, oldest first.</summary>
    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(string? user, CancellationToken cancellationToken) =>
        user is null
            ? QueryAsync("1 = 1", 0, cancellationToken)
            : QueryAsync("u.address = @k", MailboxIdentity.KeyOf(user), cancellationToken);

    /// <summary>
    /// Revokes a token (of <paramref name="user"/> only, when given: the webmail passes the signed-in user). True when a
    /// working token was revoked; false when there is none with that id (or it is someone else's, or revoked already).
    /// </summary>
    public Task<bool> RevokeAsync(long id, string? user, DateTimeOffset now, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(
            tx => tx.Execute(
                "UPDATE api_tokens SET revoked_at = @n WHERE id = @i AND revoked_at IS NULL AND (@u IS NULL OR user_id = (SELECT id FROM users WHERE address = @u))",
                ("@n", Sql.ToUnixMs(now)), ("@i", id), ("@u", user is null ? null : MailboxIdentity.KeyOf(user))) == 1,
            cancellationToken);

    /// <summary>Notes a use. Callers write this at most about once a minute per token (a write per request would be a commit per request).</summary>
    public Task TouchAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(
            tx => tx.Execute("UPDATE api_tokens SET last_used_at = @n WHERE id = @i", ("@n", Sql.ToUnixMs(now)), ("@i", id)),
            cancellationToken);

    private async Task<IReadOnlyList<ApiTokenRecord>> QueryAsync(string condition, object key, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection, $"SELECT {Columns} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE {condition} ORDER BY t.id", ("@k", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ApiTokenRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static ApiTokenRecord Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Sql.FromUnixMs(reader.GetInt64(4)),
        Sql.NullableTime(reader, 5), Sql.NullableTime(reader, 6));
}
