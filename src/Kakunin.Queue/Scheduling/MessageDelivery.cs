using Kakunin.Protocol;
using Kakunin.Queue.Dkim;
using Kakunin.Smtp.Client;
using Kakunin.Store;
using Microsoft.Extensions.Logging;

namespace Kakunin.Queue.Scheduling;

/// <summary>
/// Attempts one <see cref="DeliveryJob"/> and records the outcome, its DSN and tracking in one transaction
/// (<see cref="Settlement"/>). A crash or cancellation before that commit leaves every recipient due again: remote
/// ones may be sent twice (at-least-once, RFC 5321 §6.1 prefers a duplicate to a loss); local deliveries and DSNs
/// happen inside the commit, so exactly once.
/// </summary>
internal sealed class MessageDelivery(KakuninStore store, IOutboundTransport transport, QueueOptions options, QueueMetrics metrics, ILogger logger, IOutboundSigner? signer)
{
    /// <summary>Delivers the job's local recipients into mailboxes (or expands their aliases).</summary>
    public async Task<SettlementResult> DeliverLocalAsync(DeliveryJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = job.Message;
        // A possible report for a local user is read, stamped and analysed here, outside the single writer; ordinary
        // local mail (turned away by the pre-check at acceptance) is read inside the settlement.
        var prepared = PreparedContent.MayBeReport(message)
            ? PreparedContent.ForLocal(message, await store.Queue.GetContentAsync(message.Id, cancellationToken).ConfigureAwait(false), options.HostName)
            : PreparedContent.Ordinary;
        var attempts = job.Recipients.Select(r => new RecipientAttempt(r.Id, null)).ToList(); // resolved inside the settlement
        return await SettleAsync(message, attempts, now, prepared, job.LeaseToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands the job's recipients in one remote domain to the transport (one SMTP transaction).</summary>
    public async Task<(SettlementResult Result, DeliveryOutcome Outcome)> DeliverRemoteAsync(DeliveryJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = job.Message;
        // The job was planned from an earlier read: a recipient deleted since (by an administrator, in another process)
        // or settled by another run is not sent to.
        var open = await store.Queue.OpenRecipientIdsAsync(message.Id, cancellationToken).ConfigureAwait(false);
        if (!job.Recipients.All(r => open.Contains(r.Id)))
        {
            var still = job.Recipients.Where(r => open.Contains(r.Id)).ToList();
            if (still.Count == 0)
            {
                return (SettlementResult.Nothing(message), new DeliveryOutcome(DeliveryFeedback.None, null));
            }

            job = job with { Recipients = still };
        }

        var content = await store.Queue.GetContentAsync(message.Id, cancellationToken).ConfigureAwait(false);
        // Signed once per attempt, just before it leaves (the stored copy stays unsigned, so a retry after a key
        // rotation is signed with the new key); local copies are never signed.
        var outgoing = signer is null ? content : await signer.SignAsync(content, cancellationToken).ConfigureAwait(false);
        var results = await SendAsync(message, outgoing, job.Domain!, job.Recipients, cancellationToken).ConfigureAwait(false);
        var attempts = job.Recipients.Select((r, i) => new RecipientAttempt(r.Id, results[i])).ToList();
        var feedback = DeliveryFeedbacks.Of(results);
        var error = feedback == DeliveryFeedback.Unresponsive ? results[0].Detail ?? results[0].Reply?.ToString() : null;
        var result = await SettleAsync(message, attempts, now, PreparedContent.ForRemote(content), job.LeaseToken, cancellationToken).ConfigureAwait(false);
        return (result, new DeliveryOutcome(feedback, error));
    }

    /// <summary>Defers the job without a connection: its destination is dead (Postfix's "temporarily suspended").</summary>
    public Task<SettlementResult> SuspendAsync(DeliveryJob job, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // RFC 3463 §3.5 X.4.1: no answer from host.
        var attempts = job.Recipients
            .Select(r => new RecipientAttempt(r.Id, new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.TransientFailure, null, reason, null, false, EnhancedStatusCodes.NoAnswerFromHost)))
            .ToList();
        return SettleAsync(job.Message, attempts, now, null, job.LeaseToken, cancellationToken);
    }

    private async Task<SettlementResult> SettleAsync(QueueMessageRecord message, List<RecipientAttempt> attempts, DateTimeOffset now, PreparedContent? prepared, long? leaseToken, CancellationToken cancellationToken)
    {
        var result = await store.Writer.WriteAsync(tx => Settlement.Apply(tx, message.Id, attempts, now, options, prepared, leaseToken) ?? SettlementResult.Nothing(message), cancellationToken).ConfigureAwait(false);
        Report(message, result);
        return result;
    }

    private void Report(QueueMessageRecord message, SettlementResult result)
    {
        foreach (var r in result.Settled)
        {
            metrics.Delivery(r.State.ToText());
            QueueLog.Settled(logger, message.QueueId, r.Address, r.State.ToText(), r.Status, r.Attempts, r.RemoteMta, r.Diagnostic);
        }

        foreach (var (_, action) in result.Reported)
        {
            metrics.DsnSent(action);
        }

        foreach (var (address, kind, state) in result.Filed)
        {
            metrics.ReportFiled(kind, state);
            QueueLog.ReportFiled(logger, message.QueueId, address, kind, state);
        }

        if (result.DsnQueueId is { } dsnId)
        {
            QueueLog.DsnQueued(logger, message.QueueId, dsnId, message.ReversePath, string.Join(", ", result.Reported.Select(x => $"{x.Address} {x.Action}")));
        }
    }

    /// <summary>One result per recipient, in the job's order; a transport that throws or forgets one defers it.</summary>
    private async Task<RecipientDeliveryResult[]> SendAsync(QueueMessageRecord message, byte[] content, string domain, IReadOnlyList<QueueRecipientRecord> recipients, CancellationToken cancellationToken)
    {
        var outbound = new OutboundMessage(
            domain,
            message.ReversePath,
            [.. recipients.Select(r => new OutboundRecipient(r.Address, r.Notify, r.OriginalRecipientParameter))], // RFC 3461 §4: as received
            _ => ValueTask.FromResult<Stream>(new MemoryStream(content, writable: false)),
            message.EnvelopeId,
            message.Return,
            message.Body,
            message.SmtpUtf8);
        IReadOnlyList<RecipientDeliveryResult> results;
        try
        {
            results = await transport.SendAsync(outbound, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            QueueLog.TransportFailed(logger, e, message.QueueId, domain);
            results = [.. recipients.Select(r => new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.TransientFailure, null, e.Message, null, false))];
        }

        return [.. recipients.Select((r, i) =>
            i < results.Count && MailboxIdentity.Same(results[i].Address, r.Address)
                ? results[i]
                : results.FirstOrDefault(x => MailboxIdentity.Same(x.Address, r.Address))
                  ?? new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.TransientFailure, null, "no result from the transport", null, false))];
    }
}
