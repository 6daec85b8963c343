using System.Runtime.InteropServices;
using Kakunin.Protocol;
using Kakunin.Store;
using Microsoft.Extensions.Logging;

namespace Kakunin.Queue;

/// <summary>
/// Delivers the local recipients of ordinary mail inside the commit that accepts it (docs/queue.md, "Local delivery at
/// acceptance"): the same <see cref="Settlement"/> the runner applies, run in a savepoint of the acceptance unit, so
/// mailbox rows, recipient states, tracking and any success DSN commit with the queue rows — one fsync instead of two,
/// and the bytes are not read back from the database. Reports (which are inspected outside the writer first) and
/// remote recipients are left to the runner, and so is everything when the settlement fails: its savepoint is rolled
/// back and the message stays queued as before, so the 250 never depends on it.
/// </summary>
internal sealed class LocalDeliveryAtAcceptance
{
    private readonly PreparedContent _prepared;

    private LocalDeliveryAtAcceptance(PreparedContent prepared) => _prepared = prepared;

    /// <summary>
    /// For ordinary mail (the pre-check found no mark of a report: <see cref="NewQueueMessage.MayBeReport"/> false) when
    /// the option is on: the stamped mailbox copy, made here, outside the writer. Null otherwise.
    /// </summary>
    public static LocalDeliveryAtAcceptance? Prepare(NewQueueMessage message, QueueOptions options)
    {
        if (!options.DeliverLocalAtAcceptance || message.MayBeReport || message.IsReport || message.ReversePath.Length == 0)
        {
            return null;
        }

        var queued = MemoryMarshal.TryGetArray(message.Content, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : message.Content.ToArray();
        // The stamp and the header summary here, outside the writer: inside it they would hold up every other session's commit.
        var delivered = ReturnPathHeader.Stamp(queued, message.ReversePath);
        return new LocalDeliveryAtAcceptance(new PreparedContent(queued, delivered, null, false, KnownOrdinary: true, Summary: MessageSummary.Read(delivered)));
    }

    /// <summary>
    /// Inside the acceptance unit, after the queue rows (and the Sent copy and tracking) are written: settles the local
    /// recipients. Returns what was settled, or null when there were none or the settlement failed (then nothing of it
    /// stays, and the runner delivers the message as it would have anyway).
    /// </summary>
    public SettlementResult? Deliver(StoreTransaction tx, QueuedMessage queued, NewQueueMessage message, QueueOptions options, ILogger logger)
    {
        var attempts = queued.RecipientIds
            .Zip(message.Recipients)
            .Where(x => DirectoryRepository.IsLocalDomain(tx, MailboxIdentity.DomainOf(x.Second.Address)))
            .Select(x => new RecipientAttempt(x.First, null))
            .ToList();
        if (attempts.Count == 0)
        {
            return null;
        }

        SettlementResult? result = null;
        var failure = tx.TryPart(part => result = Settlement.Apply(part, queued.MessageId, attempts, message.ReceivedAt, options, _prepared));
        if (failure is not null)
        {
            QueueLog.LocalAtAcceptanceFailed(logger, failure, queued.QueueId);
            return null;
        }

        return result;
    }

    /// <summary>
    /// Whether the runner has anything to do for this message after the commit: a recipient not delivered here (remote,
    /// not settled, expanded to others, deferred), or a DSN queued by the settlement.
    /// </summary>
    public static bool LeftForRunner(NewQueueMessage message, SettlementResult? delivered) =>
        delivered is null
        || delivered.DsnQueueId is not null
        || delivered.Settled.Count < message.Recipients.Count
        || delivered.Settled.Any(r => r.State != RecipientState.Delivered);
}
