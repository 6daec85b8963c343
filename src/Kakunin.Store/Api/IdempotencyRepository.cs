namespace Kakunin.Store.Api;

/// <summary>
/// Idempotency-Key records of <c>POST /api/v1/messages</c> (the IETF httpapi draft "The Idempotency-Key HTTP Header
/// Field", as Stripe and Postmark-style APIs use it): per token and key, kept <see cref="Lifetime"/>. The record is
/// written by <see cref="Record"/> inside the transaction that queues the message, so "sent" and "recorded" are one commit.
/// </summary>
public sealed class IdempotencyRepository
{
    /// <summary>How long a key is remembered; a retry after that sends again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly KakuninStore _store;

    internal IdempotencyRepository(KakuninStore store) => _store = store;

    /// <summary>The record of <paramref name="key"/> for the token, if one younger than <see cref="Lifetime"/> exists.</summary>
    public async Task<IdempotencyRecord?> FindAsync(long tokenId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            "SELECT request_hash, tracking_message_id, response, created_at FROM api_idempotency WHERE token_id = @t AND idempotency_key = @k AND created_at > @since",
            ("@t", tokenId), ("@k", key), ("@since", Sql.ToUnixMs(now - Lifetime)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new IdempotencyRecord(reader.GetString(0), reader.GetInt64(1), Sql.NullableString(reader, 2) ?? string.Empty, Sql.FromUnixMs(reader.GetInt64(3)))
            : null;
    }

    /// <summary>
    /// Inside the submission's transaction: records the key with what was sent and the answer, built by
    /// <paramref name="response"/> from the tracked recipients (id, address) just written. An expired record of the
    /// same key is replaced; a live one means another request won: throws <see cref="IdempotencyKeyTakenException"/>, which
    /// rolls the whole transaction back.
    /// </summary>
    public static void Record(
        StoreTransaction transaction, long tokenId, string key, string requestHash, long trackingMessageId,
        Func<IReadOnlyList<(long Id, string Address)>, string> response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(response);
        transaction.Execute(
            "DELETE FROM api_idempotency WHERE token_id = @t AND idempotency_key = @k AND created_at <= @since",
            ("@t", tokenId), ("@k", key), ("@since", Sql.ToUnixMs(now - Lifetime)));
        if (transaction.ScalarInt64("SELECT 1 FROM api_idempotency WHERE token_id = @t AND idempotency_key = @k", ("@t", tokenId), ("@k", key)) is not null)
        {
            throw new IdempotencyKeyTakenException();
        }

        var recipients = new List<(long, string)>();
        using (var command = transaction.Command("SELECT id, address FROM tracking_recipients WHERE tracking_message_id = @m ORDER BY id", ("@m", trackingMessageId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                recipients.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        transaction.Execute(
            "INSERT INTO api_idempotency (token_id, idempotency_key, request_hash, tracking_message_id, response, created_at) VALUES (@t, @k, @h, @m, @r, @c)",
            ("@t", tokenId), ("@k", key), ("@h", requestHash), ("@m", trackingMessageId), ("@r", response(recipients)), ("@c", Sql.ToUnixMs(now)));
    }

    /// <summary>Deletes records older than <see cref="Lifetime"/>; returns how many.</summary>
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(
            tx => tx.Execute("DELETE FROM api_idempotency WHERE created_at <= @since", ("@since", Sql.ToUnixMs(now - Lifetime))),
            cancellationToken);
}
