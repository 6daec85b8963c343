using System.Data.Common;
using Kakunin.Protocol;
using Kakunin.Store;
using Kakunin.Tracking.Events;
using Kakunin.Webhooks.Signing;

namespace Kakunin.Webhooks.Outbox;

/// <summary>
/// A user's webhook endpoints: added, listed, deleted, re-enabled. Writes go through the store's writer; reads use a
/// read connection. Every method takes the owner, so one user never reaches another's endpoint.
/// </summary>
public sealed class WebhookEndpoints(KakuninStore store, TimeProvider time)
{
    internal const string Columns = "id, user_address, url, event_types, secret, enabled, disabled_reason, created_at, consecutive_failures, failing_since";

    /// <summary>Adds an enabled endpoint with a new secret; the caller has checked the URL (Targets.WebhookUrl).</summary>
    public Task<WebhookEndpoint> AddAsync(string user, Uri url, IReadOnlyCollection<TrackingEventType> types, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(types);
        if (types.Count == 0)
        {
            throw new ArgumentException("An endpoint needs at least one event type.", nameof(types));
        }

        var key = MailboxIdentity.KeyOf(user);
        var secret = WebhookSecret.Create();
        var now = time.GetUtcNow();
        return store.Writer.WriteAsync(tx =>
        {
            var id = tx.ScalarInt64(
                "INSERT INTO webhook_endpoints (user_address, url, event_types, secret, enabled, created_at) VALUES (@u, @url, @t, @s, 1, @c) RETURNING id",
                ("@u", key), ("@url", url.AbsoluteUri), ("@t", EventTypeList.Write(types)), ("@s", secret), ("@c", Sql.ToUnixMs(now)))!.Value;
            return new WebhookEndpoint(id, key, url.AbsoluteUri, EventTypeList.Read(EventTypeList.Write(types)), secret, true, null, now, 0, null);
        }, cancellationToken);
    }

    /// <summary>The user's endpoints, newest first.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string user, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, $"SELECT {Columns} FROM webhook_endpoints WHERE user_address = @u ORDER BY id DESC", ("@u", MailboxIdentity.KeyOf(user)));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One of the user's endpoints; null when it is not theirs or does not exist.</summary>
    public async Task<WebhookEndpoint?> FindAsync(string user, long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, $"SELECT {Columns} FROM webhook_endpoints WHERE id = @id AND user_address = @u", ("@id", id), ("@u", MailboxIdentity.KeyOf(user)));
        var found = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Deletes one of the user's endpoints and its delivery log; false when it is not theirs.</summary>
    public Task<bool> DeleteAsync(string user, long id, CancellationToken cancellationToken)
    {
        var key = MailboxIdentity.KeyOf(user);
        return store.Writer.WriteAsync(tx =>
        {
            if (tx.ScalarInt64("SELECT id FROM webhook_endpoints WHERE id = @id AND user_address = @u", ("@id", id), ("@u", key)) is null)
            {
                return false;
            }

            tx.Execute("DELETE FROM webhook_deliveries WHERE endpoint_id = @id", ("@id", id));
            tx.Execute("DELETE FROM webhook_endpoints WHERE id = @id", ("@id", id));
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Enables a disabled endpoint again: its failure count starts over and the deliveries still pending are due now
    /// (those that failed for good stay failed; "resend" takes them one by one). False when it is not the user's.
    /// </summary>
    public Task<bool> EnableAsync(string user, long id, CancellationToken cancellationToken)
    {
        var key = MailboxIdentity.KeyOf(user);
        var now = Sql.ToUnixMs(time.GetUtcNow());
        return store.Writer.WriteAsync(tx =>
        {
            if (tx.Execute("UPDATE webhook_endpoints SET enabled = 1, disabled_reason = NULL, consecutive_failures = 0, failing_since = NULL WHERE id = @id AND user_address = @u", ("@id", id), ("@u", key)) == 0)
            {
                return false;
            }

            tx.Execute("UPDATE webhook_deliveries SET next_attempt_at = @n, retry_from = @n WHERE endpoint_id = @id AND state = 'pending'", ("@n", now), ("@id", id));
            return true;
        }, cancellationToken);
    }

    internal static async Task<IReadOnlyList<WebhookEndpoint>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<WebhookEndpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new WebhookEndpoint(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), EventTypeList.Read(reader.GetString(3)), reader.GetString(4), reader.GetInt64(5) == 1,
                Sql.NullableString(reader, 6), Sql.FromUnixMs(reader.GetInt64(7)), (int)reader.GetInt64(8), Sql.NullableTime(reader, 9)));
        }

        return list;
    }
}
