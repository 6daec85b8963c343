using System.Globalization;
using Kakunin.Store;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// Writes a batch of attempts' results in one unit of the store's writer: the delivery's state, attempts, next
/// attempt (<see cref="RetrySchedule"/>) and log; the endpoint's run of failures; and the disabling rule
/// (<see cref="WebhookOptions.DisableAfter"/>), whose notice goes to the owner's INBOX in the same commit.
/// On PostgreSQL a result is fenced by its delivery's lease token (docs/webhooks.md, "Several processes or nodes"): it is written,
/// and the lease ended, only when the token is still this node's; otherwise another node took the delivery over after
/// the lease ran out and its attempt is the one that counts, so this result changes nothing, not even the endpoint's
/// run of failures.
/// </summary>
internal static class AttemptResults
{
    // The fence (PostgreSQL): the row is written only while it holds this node's token, and its lease ends with it. The
    // UPDATE locks the row until the commit, so no claim can slip in between; a claim in progress makes it wait, and
    // PostgreSQL then re-reads the row (READ COMMITTED) and finds the other node's token: zero rows.
    private const string Fenced = ", lease_owner = NULL, lease_token = NULL, lease_until = NULL WHERE id = @id AND state = 'pending' AND lease_token = @token";

    /// <summary>
    /// Applies the results; returns the endpoints it disabled. <paramref name="leaseLost"/>, when given, gets the
    /// deliveries whose results were not written because another node holds them now.
    /// </summary>
    public static List<long> Apply(StoreTransaction tx, IReadOnlyList<AttemptResult> results, WebhookOptions options, List<long>? leaseLost = null)
    {
        var disabled = new List<long>();
        leaseLost?.Clear(); // the writer may run a unit again after a lost race
        foreach (var result in results)
        {
            var d = result.Delivery;
            var at = Sql.ToUnixMs(result.At);
            var attempts = d.Attempts + 1;
            if (result.Succeeded)
            {
                if (!WriteDelivery(
                    tx, "UPDATE webhook_deliveries SET state = 'delivered', attempts = @a, last_status = @s, last_response = @r, last_attempt_at = @t, delivered_at = @t",
                    [("@a", attempts), ("@s", result.Status), ("@r", result.Response), ("@t", at), ("@id", d.Id)], d.LeaseToken))
                {
                    leaseLost?.Add(d.Id);
                    continue;
                }

                tx.Execute("UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL WHERE id = @e", ("@e", d.EndpointId));
                continue;
            }

            var next = RetrySchedule.Next(options, attempts, d.RetryFrom, result.At);
            if (!WriteDelivery(
                tx, "UPDATE webhook_deliveries SET state = @state, attempts = @a, next_attempt_at = COALESCE(@n, next_attempt_at), last_status = @s, last_response = @r, last_attempt_at = @t",
                [("@state", next is null ? "failed" : "pending"), ("@a", attempts), ("@n", next is { } n ? Sql.ToUnixMs(n) : null), ("@s", result.Status), ("@r", result.Response), ("@t", at), ("@id", d.Id)],
                d.LeaseToken))
            {
                leaseLost?.Add(d.Id);
                continue;
            }

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

    /// <summary>
    /// Runs <paramref name="update"/> (an UPDATE of webhook_deliveries without its WHERE) on the delivery @id while it is
    /// pending; on PostgreSQL fenced by <paramref name="leaseToken"/> as well. False only when the fence kept it out.
    /// </summary>
    private static bool WriteDelivery(StoreTransaction tx, string update, (string Name, object? Value)[] values, long? leaseToken)
    {
        if (leaseToken is { } token)
        {
            return tx.Execute(update + Fenced, [.. values, ("@token", token)]) > 0;
        }

        tx.Execute(update + " WHERE id = @id AND state = 'pending'", values); // SQLite: this process's in-flight set is the claim
        return true;
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
