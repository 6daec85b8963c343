using System.Globalization;
using Kakunin.Store;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// Writes a batch of attempts' results in one unit of the store's writer: the delivery's state, attempts, next
/// attempt (<see cref="RetrySchedule"/>) and log; the endpoint's run of failures; and the disabling rule
/// (<see cref="WebhookOptions.DisableAfter"/>), whose notice goes to the owner's INBOX in the same commit.
/// </summary>
internal static class AttemptResults
{
    /// <summary>Applies the results; returns the endpoints it disabled.</summary>
    public static List<long> Apply(StoreTransaction tx, IReadOnlyList<AttemptResult> results, WebhookOptions options)
    {
        var disabled = new List<long>();
        foreach (var result in results)
        {
            var d = result.Delivery;
            var at = Sql.ToUnixMs(result.At);
            var attempts = d.Attempts + 1;
            if (result.Succeeded)
            {
                tx.Execute(
                    "UPDATE webhook_deliveries SET state = 'delivered', attempts = @a, last_status = @s, last_response = @r, last_attempt_at = @t, delivered_at = @t WHERE id = @id AND state = 'pending'",
                    ("@a", attempts), ("@s", result.Status), ("@r", result.Response), ("@t", at), ("@id", d.Id));
                tx.Execute("UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL WHERE id = @e", ("@e", d.EndpointId));
                continue;
            }

            var next = RetrySchedule.Next(options, attempts, d.RetryFrom, result.At);
            tx.Execute(
                "UPDATE webhook_deliveries SET state = @state, attempts = @a, next_attempt_at = COALESCE(@n, next_attempt_at), last_status = @s, last_response = @r, last_attempt_at = @t WHERE id = @id AND state = 'pending'",
                ("@state", next is null ? "failed" : "pending"), ("@a", attempts), ("@n", next is { } n ? Sql.ToUnixMs(n) : null), ("@s", result.Status), ("@r", result.Response),
                ("@t", at), ("@id", d.Id));
            tx.Execute(
                "UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, @t) WHERE id = @e",
                ("@t", at), ("@e", d.EndpointId));
            if (DisableIfDue(tx, d.EndpointId, result.At, options))
            {
                disabled.Add(d.EndpointId);
            }
        }

        return disabled;
    }

    private static bool DisableIfDue(StoreTransaction tx, long endpointId, DateTimeOffset now, WebhookOptions options)
    {
        string owner, url;
        using (var command = tx.Command("SELECT user_address, url, enabled, consecutive_failures, failing_since FROM webhook_endpoints WHERE id = @e", ("@e", endpointId)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read() || reader.GetInt64(2) != 1 || reader.GetInt64(3) < options.DisableAfterFailures || reader.IsDBNull(4)
                || now - Sql.FromUnixMs(reader.GetInt64(4)) < options.DisableAfter)
            {
                return false;
            }

            owner = reader.GetString(0);
            url = reader.GetString(1);
        }

        var reason = string.Create(CultureInfo.InvariantCulture, $"every attempt failed for {options.DisableAfter.TotalHours:0.#} hours ({options.DisableAfterFailures} or more in a row)");
        tx.Execute("UPDATE webhook_endpoints SET enabled = 0, disabled_reason = @r WHERE id = @e", ("@r", reason), ("@e", endpointId));
        if (DirectoryRepository.FindUserId(tx, owner) is { } userId)
        {
            MailboxRepository.Append(tx, userId, MailFolders.Inbox, DisableNotice.Create(owner, url, reason, now), string.Empty, now);
        }

        return true;
    }
}
