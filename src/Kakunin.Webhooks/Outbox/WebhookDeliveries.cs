using System.Data.Common;
using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Webhooks.Outbox;

/// <summary>The delivery log of a user's endpoint, and "resend": what the settings page and the API show and do.</summary>
public sealed class WebhookDeliveries(KakuninStore store, TimeProvider time)
{
    internal const string Columns = "d.id, d.endpoint_id, d.event_id, d.attempts, d.next_attempt_at, d.state, d.last_status, d.last_response, d.last_attempt_at, d.delivered_at, d.created_at";

    /// <summary>Raised after a resend is committed, so the dispatcher in this process looks at once.</summary>
    public event Action? Rearmed;

    /// <summary>The latest deliveries of one of the user's endpoints, newest first (empty when it is not theirs).</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> LogAsync(string user, long endpointId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            $"SELECT {Columns} FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id WHERE d.endpoint_id = @e AND w.user_address = @u ORDER BY d.id DESC LIMIT @n",
            ("@e", endpointId), ("@u", MailboxIdentity.KeyOf(user)), ("@n", Math.Clamp(limit, 1, 500)));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a delivery again, whatever its state: it becomes pending, due now, with a new retry window; its attempts
    /// count on. The receiver gets the same webhook-id again. False when it is not one of the user's.
    /// </summary>
    public async Task<bool> ResendAsync(string user, long deliveryId, CancellationToken cancellationToken)
    {
        var key = MailboxIdentity.KeyOf(user);
        var now = Sql.ToUnixMs(time.GetUtcNow());
        var done = await store.Writer.WriteAsync(
            tx => tx.Execute(
                "UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = @n, retry_from = @n WHERE id = @id AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE user_address = @u)",
                ("@n", now), ("@id", deliveryId), ("@u", key)) == 1,
            cancellationToken).ConfigureAwait(false);
        if (done)
        {
            Rearmed?.Invoke();
        }

        return done;
    }

    internal static async Task<IReadOnlyList<WebhookDelivery>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new WebhookDelivery(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), (int)reader.GetInt64(3), Sql.FromUnixMs(reader.GetInt64(4)), reader.GetString(5),
                Sql.NullableInt64(reader, 6) is { } s ? (int)s : null, Sql.NullableString(reader, 7), Sql.NullableTime(reader, 8), Sql.NullableTime(reader, 9),
                Sql.FromUnixMs(reader.GetInt64(10))));
        }

        return list;
    }
}
