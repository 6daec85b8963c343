using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Smtp.Client;
using Kakunin.Store;
using Kakunin.Store.Settings;
using Kakunin.Tracking;

namespace Kakunin.Queue;

/// <summary>
/// Records the outcome of one pass over one message, inside ONE store transaction: local mailbox inserts, alias
/// expansion, every recipient's new state, the tracking events and the DSN for the recipients that finished
/// together. Either all of it commits or none, so a local delivery and a DSN happen exactly once even across a
/// crash (the recipient's state is re-read in the transaction and final states are skipped). A report coming
/// back to a local user is filed (Inbox or Receipts) and recorded against the user's tracking in the same
/// transaction, so the mailbox and the Tracking view never disagree.
/// </summary>
internal static class Settlement
{
    private const string LocalDiagnosticType = "x-kakunin";

    /// <param name="prepared">The bytes read (and a report inspected) before the write; read and inspected here when null.</param>
    /// <param name="leaseToken">
    /// The token the recipients were claimed with (several nodes on PostgreSQL), or null (SQLite, or recipients this
    /// transaction itself created). With a token, each recipient is fenced first (<see cref="QueueRepository.Fence"/>):
    /// when another node took one over, <see cref="QueueLeaseLostException"/> is thrown before anything is written, and
    /// the writer rolls the unit back — no mailbox row, no DSN, no tracking event from the late node.
    /// </param>
    /// <returns>What was settled; null when the message is gone (deleted since the pass was planned).</returns>
    public static SettlementResult? Apply(
        StoreTransaction tx, long messageId, IReadOnlyList<RecipientAttempt> attempts, DateTimeOffset now, QueueOptions options, PreparedContent? prepared = null, long? leaseToken = null)
    {
        if (QueueRepository.GetMessage(tx, messageId) is not { } message)
        {
            return null; // deleted while this pass ran (`kakunin queue delete` in another process): nothing to settle
        }

        if (leaseToken is { } token)
        {
            foreach (var attempt in attempts)
            {
                QueueRepository.Fence(tx, attempt.RecipientId, token);
            }
        }

        byte[]? queued = prepared?.Queued;
        byte[] Content() => queued ??= QueueRepository.GetContent(tx, messageId);
        PreparedContent? local = prepared is { Delivered: not null } ? prepared : null;
        PreparedContent LocalCopy() => local ??= prepared is { KnownOrdinary: true }
            ? PreparedContent.Stamped(message, Content())
            : PreparedContent.ForLocal(message, Content(), options.HostName);
        bool? vouched = null;
        bool SenderVouched() => vouched ??= SenderVouching.Vouched(message, Content(), options);
        var filed = new List<(string Address, string Kind, string State)>();
        var settled = new List<QueueRecipientRecord>();
        var reports = new List<(QueueRecipientRecord Recipient, DsnAction Action)>();

        foreach (var attempt in attempts)
        {
            var before = QueueRepository.GetRecipient(tx, attempt.RecipientId);
            if (before is null || before.State.IsFinal())
            {
                continue; // settled already (e.g. by a run that committed before a crash): never twice
            }

            var r = before with { Attempts = before.Attempts + 1, LastAttemptAt = now, UpdatedAt = now };
            DsnAction? action;
            (r, action) = attempt.Remote is { } remote
                ? Remote(r, remote, now, message.ReceivedAt, options)
                : Local(tx, message, r, LocalCopy, filed, now, options);

            if (action is { } a && DsnRules.IsDue(message, r, a, options, SenderVouched))
            {
                reports.Add((r, a));
                r = DsnRules.MarkSent(r, a);
            }

            settled.Add(r);
        }

        string? dsnQueueId = null;
        if (reports.Count > 0)
        {
            var dsn = DsnFactory.Create(message, Content(), reports, now, options, SenderLanguage(tx, message));
            dsnQueueId = QueueRepository.Insert(tx, dsn).QueueId;
        }

        var expiry = message.ReceivedAt + options.MaximalLifetime;
        foreach (var r in settled)
        {
            QueueRepository.Update(tx, r);
            var evidence = reports.Any(x => x.Recipient.Id == r.Id) ? TrackingRepository.DsnEvidence(dsnQueueId!) : r.RemoteMta;
            var retryUntil = r.State == RecipientState.Deferred ? expiry : (DateTimeOffset?)null;
            TrackingRepository.RecordOutcome(tx, r.Id, new TrackingUpdate(TrackingStates.Of(r.State), now, Provenance.Local, r.Status, r.Diagnostic, retryUntil, evidence));
        }

        QueueRepository.CompleteIfFinished(tx, messageId);
        return new SettlementResult(message, settled, dsnQueueId, [.. reports.Select(x => (x.Recipient.Address, x.Action.ToWire()))], filed);
    }

    private static (QueueRecipientRecord, DsnAction?) Local(
        StoreTransaction tx,
        QueueMessageRecord message,
        QueueRecipientRecord r,
        Func<PreparedContent> copy,
        List<(string Address, string Kind, string State)> filed,
        DateTimeOffset now,
        QueueOptions options)
    {
        if (DirectoryRepository.FindUserId(tx, r.Address) is { } userId)
        {
            // One copy per mailbox (RFC 5321 §3.3 lets a server drop duplicate recipients): a second address of the
            // same user in this message (a case variant, an alias to them) is delivered by the copy they hold already.
            if (MailboxMessages.HoldsDelivery(tx, userId, message.Id))
            {
                return (Final(r, RecipientState.Delivered, EnhancedStatusCodes.Success, null, null), DsnAction.Delivered);
            }

            var local = copy();
            if (!local.IsReport)
            {
                MailboxRepository.Append(tx, userId, FolderFor(tx, userId, local, options), local.ForMailbox, string.Empty, now, r.Id, summary: local.Summary);
            }
            else
            {
                filed.Add((r.Address, local.Report?.Kind.ToString().ToLowerInvariant() ?? "dsn", FileReport(tx, message, r, userId, local, now, options)));
            }

            return (Final(r, RecipientState.Delivered, EnhancedStatusCodes.Success, null, null), DsnAction.Delivered);
        }

        // An alias, or postmaster@ a local domain without one: the administrators (RFC 5321 §4.5.1, DirectoryRepository).
        var targets = DirectoryRepository.GetForwardTargets(tx, r.Address);
        if (targets.Count == 0)
        {
            // Accepted at RCPT, gone since (user or alias removed).
            return (Final(r, RecipientState.Failed, EnhancedStatusCodes.BadDestinationMailbox, LocalDiagnosticType, "no such user here"), DsnAction.Failed);
        }

        if (Depth(tx, r) >= options.MaxAliasDepth)
        {
            return (Final(r, RecipientState.Failed, EnhancedStatusCodes.RoutingLoop, LocalDiagnosticType, "alias expansion loop"), DsnAction.Failed);
        }

        // RFC 3461 §6.2.7: the new recipients keep the alias's ORCPT (or get the alias as their original recipient).
        // One target (§6.2.7.2, a redirect) passes NOTIFY on unchanged and reports nothing itself. Several targets:
        // the alias reports "expanded" (RFC 3464 §2.3.3) if SUCCESS was asked, and SUCCESS is not passed on.
        var orcpt = r.OriginalRecipient ?? new TypedAddress(TypedAddress.Rfc822Type, r.Address);
        var orcptParameter = r.OriginalRecipientParameter ?? SafeEncode(orcpt);
        var notify = targets.Count == 1 ? r.Notify : WithoutSuccess(r.Notify);
        foreach (var target in targets)
        {
            QueueRepository.AddRecipient(tx, message.Id, new NewQueueRecipient(target, notify, orcptParameter, orcpt), r.Id, now);
        }

        var expanded = Final(r, RecipientState.Expanded, EnhancedStatusCodes.Success, null, null);
        return (expanded, targets.Count > 1 ? DsnAction.Expanded : null);
    }

    private static (QueueRecipientRecord, DsnAction?) Remote(QueueRecipientRecord r, RecipientDeliveryResult result, DateTimeOffset now, DateTimeOffset arrival, QueueOptions options)
    {
        var expiry = arrival + options.MaximalLifetime;
        var (type, diagnostic) = result.Reply is { } reply ? ("smtp", Flatten(reply)) : (LocalDiagnosticType, result.Detail);
        r = r with { RemoteMta = result.RemoteMta ?? r.RemoteMta };
        switch (result.Outcome)
        {
            case RecipientOutcomeKind.Accepted:
                // RFC 3461 §6.2.6: a next hop without DSN gets the message, and we report "relayed" if SUCCESS was
                // asked; a DSN-capable hop was handed NOTIFY/ORCPT/RET/ENVID and reports itself.
                var relayed = Final(r, RecipientState.Relayed, EnhancedStatusCodes.Success, type, diagnostic);
                return (relayed, result.RemoteOffersDsn ? null : DsnAction.Relayed);
            case RecipientOutcomeKind.PermanentFailure:
                // The reply's own code, else the one the transport chose from what happened (RFC 3463: null MX 5.1.10,
                // NXDOMAIN 5.1.2, no route 5.4.4; docs/smtp-client.md), else the undefined 5.0.0.
                var code = Decided(result) is { IsPermanent: true } e ? e : EnhancedStatusCodes.OtherUndefinedPermanent;
                return (Final(r, RecipientState.Failed, code, type, diagnostic), DsnAction.Failed);
            default:
                // Likewise for temporary failures: no answer 4.4.1, connection lost 4.4.2, DNS failure 4.4.3 (RFC 3463
                // §3.5); 4.4.0 (other network or routing status) only when nothing more precise is known.
                var transient = Decided(result) is { IsTransient: true } t ? t : new EnhancedStatusCode(4, 4, 0);
                if (now >= expiry)
                {
                    // Postfix maximal_queue_lifetime: give up; the status keeps the last temporary reason (RFC 3464 allows 4.x.x with failed).
                    return (Final(r, RecipientState.Failed, transient, type, diagnostic ?? "delivery time expired"), DsnAction.Failed);
                }

                var next = now + options.RetryDelay(r.Attempts);
                var deferred = r with
                {
                    State = RecipientState.Deferred,
                    NextAttemptAt = next < expiry ? next : expiry, // the last attempt falls at expiry
                    Status = transient.ToString(),
                    DiagnosticType = type,
                    Diagnostic = diagnostic,
                };
                return (deferred, now - arrival >= options.DelayWarningAfter ? DsnAction.Delayed : null);
        }
    }

    private static EnhancedStatusCode? Decided(RecipientDeliveryResult result) => result.Reply?.EnhancedCode ?? result.Status;

    /// <summary>
    /// Inbox, or Junk for mail our Authentication-Results marks as failing DMARC under quarantine or reject (RFC 7489
    /// §6.6.4) when the user still has a Junk folder; else the Inbox, the result still recorded in the message.
    /// </summary>
    private static string FolderFor(StoreTransaction tx, long userId, PreparedContent local, QueueOptions options) =>
        options.JunkDmarcFailures
        && Authentication.Dmarc.DmarcQuarantine.IsAsked(local.ForMailbox, options.HostName)
        && MailboxRepository.HasFolder(tx, userId, MailFolders.Junk)
            ? MailFolders.Junk
            : MailFolders.Inbox;

    /// <summary>
    /// A report for a local user: into Receipts when the user processes receipts on arrival, else the Inbox
    /// (still ordinary mail), and recorded against their tracking. Returns the report state stored with it.
    /// </summary>
    private static string FileReport(
        StoreTransaction tx, QueueMessageRecord message, QueueRecipientRecord r, long userId, PreparedContent local, DateTimeOffset now, QueueOptions options)
    {
        // Submitted here by a signed-in user (an MDN from their client or our read-receipt path), or from outside.
        var origin = new ReportOrigin(message.AuthenticatedUser, options.OrganizationalDomains);
        var folder = SettingsRepository.GetUser(tx, userId).ProcessReceiptsOnArrival ? MailFolders.Receipts : MailFolders.Inbox;
        var id = MailboxRepository.Append(tx, userId, folder, local.ForMailbox, string.Empty, now, r.Id, ReportStates.Unmatched, local.Summary);
        var match = local.OwnDsn
            ? ReportIntake.AttachOwnDsn(tx, r.Address, message.QueueId, id)
            : ReportIntake.Apply(tx, userId, r.Address, local.Report!, id, now, origin);
        if (match.IsMatched)
        {
            ReportStates.Set(tx, id, ReportStates.Matched);
        }

        return match.ReportState;
    }

    /// <summary>The language a local sender chose in their settings (RFC 3464 §2.1: the human-readable part is for them), else null.</summary>
    private static string? SenderLanguage(StoreTransaction tx, QueueMessageRecord message) =>
        message.AuthenticatedUser is { } user && DirectoryRepository.FindUserId(tx, user) is { } id
            ? SettingsRepository.GetUser(tx, id).Language
            : null;

    private static QueueRecipientRecord Final(QueueRecipientRecord r, RecipientState state, EnhancedStatusCode status, string? diagnosticType, string? diagnostic) =>
        r with { State = state, Status = status.ToString(), DiagnosticType = diagnosticType, Diagnostic = diagnostic };

    /// <summary>The remote reply as one line, all its lines kept: the server's own words for Diagnostic-Code.</summary>
    private static string Flatten(SmtpReply reply) => string.Join(' ', reply.Format().Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

    private static DsnNotify? WithoutSuccess(DsnNotify? notify)
    {
        if (notify is not { } n || n.HasFlag(DsnNotify.Never))
        {
            return notify;
        }

        var rest = n & ~DsnNotify.Success;
        return rest == DsnNotify.None ? DsnNotify.Never : rest;
    }

    private static int Depth(StoreTransaction tx, QueueRecipientRecord r)
    {
        var depth = 0;
        for (var parent = r.ParentId; parent is { } p && depth < 64; depth++)
        {
            parent = QueueRepository.GetRecipient(tx, p)?.ParentId;
        }

        return depth;
    }

    private static string? SafeEncode(TypedAddress address)
    {
        try
        {
            return address.Encode();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
