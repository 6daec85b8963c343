using Kakunin.Tracking.Events;
using System.Text.Json;
using Kakunin.Mail.Compose;
using Kakunin.Queue;
using Kakunin.Smtp.Server;
using Kakunin.Store;
using Kakunin.Store.Api;
using Kakunin.Store.Contacts;
using Kakunin.Web.Ui.Contacts;
using Microsoft.Extensions.Options;

namespace Kakunin.Web.Api;

/// <summary>
/// Sends for the API through the webmail's own path: <see cref="MailComposer"/> builds the message and
/// <see cref="MailSubmission"/> commits the queue rows, the Sent copy and the tracking record in one transaction.
/// With an Idempotency-Key, the key's record (<see cref="IdempotencyRepository.Record"/>) joins that same commit,
/// so a retry either finds it (and gets the first answer) or finds that nothing was sent.
/// </summary>
public sealed class ApiMessageSender(KakuninStore store, MailSubmission submission, KakuninOptions options, IOptions<SmtpServerOptions> smtp, TimeProvider time)
{
    /// <summary>The largest message the API sends: the same limit as SMTP's (SIZE, RFC 1870), Kakunin:Smtp:MaxMessageSize.</summary>
    public long MaxMessageSize => smtp.Value.MaxMessageSize;

    private long _purgedAt;

    public async Task<SendOutcome> SendAsync(string user, SendPlan plan, long tokenId, string? key, string requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await PurgeNowAndThenAsync(cancellationToken);
        if (key is not null && await Earlier(tokenId, key, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = time.GetUtcNow();
        var composed = MailComposer.Compose(plan.Sender, plan.Compose, new ComposeOptions(options.HostName, now, EnvelopeId: plan.EnvelopeId));
        if (composed.Content.Length > MaxMessageSize)
        {
            return new SendOutcome(null, null, TooLarge: composed.Content.Length);
        }

        // NOTIFY as asked for every recipient (RFC 3461 §4.1), ORCPT as typed (§4.2), as the webmail queues them.
        var recipients = composed.Recipients
            .Select(r => new NewQueueRecipient(r.Address, plan.Notify, r.OriginalRecipient.Encode(), r.OriginalRecipient))
            .ToList();
        string? recorded = null;
        var collected = SentRecipients.Of(composed);
        Action<StoreTransaction, SubmissionResult> record = (tx, result) =>
        {
            if (key is not null)
            {
                IdempotencyRepository.Record(tx, tokenId, key, requestHash, result.TrackingId!.Value, list =>
                    recorded = JsonSerializer.Serialize(Response(result, composed, list), ApiJson.Options), now);
            }

            // The recipients join the sender's address book in the send's commit, as from the webmail (docs/webmail.md "Address book").
            ContactCollection.Record(tx, user, collected, now);
        };
        SubmissionResult submitted;
        try
        {
            submitted = await submission.SubmitAsync(user, plan.Sender.Address, recipients, composed.Content, composed.EnvelopeId, plan.Ret, record, cancellationToken);
        }
        catch (IdempotencyKeyTakenException)
        {
            // Another request with the same key got there between our look-up and our write: ours rolled back. The
            // writer tells a unit of its failure before the batch commits, so the winner may not be readable yet.
            for (var attempt = 0; attempt < 250; attempt++)
            {
                if (await Earlier(tokenId, key!, requestHash, cancellationToken) is { } winner)
                {
                    return winner;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
            }

            throw new InvalidOperationException("another request under this Idempotency-Key was being written but never committed");
        }

        var id = EventIds.Message(submitted.TrackingId ?? 0);
        if (recorded is not null)
        {
            return new SendOutcome(recorded, id);
        }

        var tracked = await new Kakunin.Tracking.TrackingQueries(store).GetAsync(user, submitted.TrackingId!.Value, cancellationToken);
        var list = tracked!.Recipients.Select(r => (r.Id, r.Address)).ToList();
        return new SendOutcome(JsonSerializer.Serialize(Response(submitted, composed, list), ApiJson.Options), id);
    }

    // Idempotency records live 24 hours (IdempotencyRepository.Lifetime); the old ones go at most once an hour,
    // on a send, so an idle server writes nothing and a busy one one small DELETE an hour.
    private async Task PurgeNowAndThenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var last = Interlocked.Read(ref _purgedAt);
        if (now - last >= TimeSpan.FromHours(1).TotalMilliseconds && Interlocked.CompareExchange(ref _purgedAt, now, last) == last)
        {
            await store.Idempotency.PurgeAsync(time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task<SendOutcome?> Earlier(long tokenId, string key, string requestHash, CancellationToken cancellationToken)
    {
        if (await store.Idempotency.FindAsync(tokenId, key, time.GetUtcNow(), cancellationToken) is not { } found)
        {
            return null;
        }

        var id = EventIds.Message(found.TrackingMessageId);
        return found.RequestHash == requestHash
            ? new SendOutcome(found.Response, id, Replayed: true)
            : new SendOutcome(null, id, KeyReusedWithOtherBody: true);
    }

    private static SentMessageResponse Response(SubmissionResult result, ComposedMail composed, IReadOnlyList<(long Id, string Address)> recipients) => new(
        EventIds.Message(result.TrackingId ?? 0),
        "<" + composed.MessageId + ">",
        composed.EnvelopeId,
        result.QueueId,
        [.. recipients.Select(r => new SentRecipient(EventIds.Recipient(r.Id), r.Address, "queued"))]);
}
