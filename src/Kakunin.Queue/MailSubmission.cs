using System.Text;
using Kakunin.Protocol;
using Kakunin.Store;
using Kakunin.Tracking;
using Microsoft.Extensions.Logging;

namespace Kakunin.Queue;

/// <summary>
/// Durable acceptance into the queue, for SMTP (<see cref="QueueSmtpBackend"/>) and the webmail alike: the queue
/// rows, and for a user's submission the Sent copy and the tracking record, commit in ONE transaction (so the
/// Tracking view can never lack a message that was sent); then the runner is woken. Reports a user sends (MDNs)
/// go with the null reverse-path, with neither Sent copy nor tracking.
/// </summary>
public sealed class MailSubmission
{
    private readonly KakuninStore _store;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly QueueMetrics _metrics;
    private readonly ILogger _logger;
    private readonly QueueSignal? _signal;

    public MailSubmission(KakuninStore store, QueueOptions options, TimeProvider timeProvider, QueueMetrics metrics, ILogger logger, QueueSignal? signal = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        (_store, _options, _time, _metrics, _logger, _signal) = (store, options, timeProvider, metrics, logger, signal);
    }

    /// <summary>
    /// A message a signed-in user sends (webmail): queued with the DSN parameters given, a copy in their Sent
    /// folder and a tracking record with one row per recipient, in one commit.
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="reversePath">MAIL FROM: the user's address or an alias of theirs (as over SMTP, docs/queue.md Policy).</param>
    /// <param name="recipients">Each with NOTIFY and ORCPT as wanted (RFC 3461 §4.1, §4.2).</param>
    /// <param name="envelopeId">ENVID (RFC 3461 §4.4), at most 100 characters; reports that come back are matched by it.</param>
    /// <param name="ret">RET (RFC 3461 §4.3).</param>
    /// <exception cref="ArgumentException">No recipients, no content, or an ENVID that is too long.</exception>
    /// <exception cref="UnauthorizedAccessException">The reverse-path is not the user's.</exception>
    public Task<SubmissionResult> SubmitAsync(
        string user,
        string reversePath,
        IReadOnlyList<NewQueueRecipient> recipients,
        byte[] content,
        string? envelopeId,
        DsnReturn? ret,
        CancellationToken cancellationToken) =>
        SubmitAsync(user, reversePath, recipients, content, envelopeId, ret, null, cancellationToken);

    /// <summary>
    /// <see cref="SubmitAsync(string, string, IReadOnlyList{NewQueueRecipient}, byte[], string?, DsnReturn?, CancellationToken)"/>
    /// with <paramref name="inSameCommit"/> run inside the transaction after the tracking record is written (the API
    /// records its Idempotency-Key there); an exception it throws rolls everything back, nothing is queued.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(
        string user,
        string reversePath,
        IReadOnlyList<NewQueueRecipient> recipients,
        byte[] content,
        string? envelopeId,
        DsnReturn? ret,
        Action<StoreTransaction, SubmissionResult>? inSameCommit,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(reversePath);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(content);
        if (recipients.Count == 0 || content.Length == 0)
        {
            throw new ArgumentException("A message needs recipients and content.", nameof(recipients));
        }

        if (envelopeId is { Length: > EsmtpCommandParser.MaxEnvelopeIdLength })
        {
            throw new ArgumentException("ENVID is limited to 100 characters (RFC 3461 §4.4).", nameof(envelopeId));
        }

        var owner = MailboxIdentity.KeyOf(user);
        var from = MailboxIdentity.KeyOf(reversePath);
        if (from != owner && !(await _store.Directory.GetAliasesOfAsync(owner, cancellationToken).ConfigureAwait(false)).Contains(from, StringComparer.Ordinal))
        {
            throw new UnauthorizedAccessException($"Sender address <{from}> is not owned by user {owner}.");
        }

        var now = _time.GetUtcNow();
        var list = recipients.Select(r => r with { Address = MailboxIdentity.KeyOf(r.Address) }).ToList();
        var message = new NewQueueMessage(
            QueueIds.New(now), from, list, content, now, envelopeId, ret, BodyOf(content), !Ascii.IsValid(from) || list.Any(r => !Ascii.IsValid(r.Address)),
            owner, SenderVerified: true);
        return await AcceptAsync(message, "webmail", inSameCommit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A report a user sends, such as a read receipt: the null reverse-path (RFC 8098 §3, RFC 3461 §6.1: nothing
    /// answers it), flagged as a report, no Sent copy, no tracking. Returns the queue id.
    /// </summary>
    public async Task<string> SubmitReportAsync(string user, IReadOnlyList<string> recipients, byte[] content, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var queued = await _store.Writer.WriteAsync(tx => QueueReport(tx, user, recipients, content, now), cancellationToken).ConfigureAwait(false);
        Accepted(queued.QueueId, string.Empty, recipients.Count, content.Length, "report");
        return queued.QueueId;
    }

    /// <summary>
    /// <see cref="SubmitReportAsync"/> inside the caller's write transaction, for a caller that must change
    /// something in the same commit (ReadReceiptResponder sets $MDNSent). Call <see cref="Queued"/> after the commit.
    /// </summary>
    public static QueuedMessage QueueReport(StoreTransaction transaction, string user, IReadOnlyList<string> recipients, byte[] content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(content);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("A report needs a recipient.", nameof(recipients));
        }

        var list = recipients.Select(a => new NewQueueRecipient(MailboxIdentity.KeyOf(a))).ToList();
        return QueueRepository.Insert(transaction, new NewQueueMessage(
            QueueIds.New(now), string.Empty, list, content, now, Body: BodyOf(content), SmtpUtf8: list.Any(r => !Ascii.IsValid(r.Address)),
            AuthenticatedUser: MailboxIdentity.KeyOf(user), SenderVerified: true, IsReport: true));
    }

    /// <summary>After a commit that queued a report through <see cref="QueueReport"/>: counts, logs and wakes the runner.</summary>
    public void Queued(QueuedMessage queued, int size)
    {
        ArgumentNullException.ThrowIfNull(queued);
        Accepted(queued.QueueId, string.Empty, queued.RecipientIds.Count, size, "report");
    }

    /// <summary>
    /// Queues <paramref name="message"/> as received; when an authenticated local user sent it from a real
    /// reverse-path, their Sent copy and tracking record go in the same transaction. <paramref name="origin"/>
    /// names the source in the log (an SMTP session id, "webmail").
    /// </summary>
    public Task<SubmissionResult> AcceptAsync(NewQueueMessage message, string origin, CancellationToken cancellationToken) =>
        AcceptAsync(message, origin, null, cancellationToken);

    private async Task<SubmissionResult> AcceptAsync(NewQueueMessage message, string origin, Action<StoreTransaction, SubmissionResult>? inSameCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        StoreIntegrityRefusal.EnsureAccepting(_store); // a damaged store takes no new mail (webmail; SMTP refused it at MAIL)
        // Not into the reserve kept for deliveries, DSNs and tracking (docs/storage.md): SMTP answers 452 4.3.1, the webmail says so.
        StorageAdmission.EnsureRoom(_store.Space, message.Content.Length);
        // Decided once, here, while the bytes are in memory: local delivery analyses only possible reports.
        message = message with { MayBeReport = message.MayBeReport && PreparedContent.MayBeReport(message.ReversePath, message.Content.Span) };
        var user = message.AuthenticatedUser;
        // A message from <> is a notification (RFC 5321 §4.5.5), e.g. an MDN from the user's client: nothing will
        // ever report on it (RFC 3461 §6.1), so it is neither tracked nor kept as sent mail.
        var track = user is not null && message.ReversePath.Length > 0;
        var summary = track ? MessageSummary.Read(message.Content) : null; // read once, outside the writer: Sent copy and tracking
        var localNow = LocalDeliveryAtAcceptance.Prepare(message, _options); // the stamped copy made here, outside the writer
        SettlementResult? delivered = null;
        var result = await _store.Writer.WriteAsync(tx =>
        {
            var q = QueueRepository.Insert(tx, message);
            var submitted = new SubmissionResult(q.QueueId, null, null);
            if (track && DirectoryRepository.FindUserId(tx, user!) is { } userId)
            {
                var sent = MailboxRepository.Append(tx, userId, MailFolders.Sent, message.Content, MessageFlags.Seen, message.ReceivedAt, summary: summary);
                var tracking = TrackingRepository.Create(
                    tx, q.MessageId, user!, summary!.MessageId, summary.Subject, message.ReceivedAt, q.RecipientIds.Zip(message.Recipients.Select(r => r.Address)), message.EnvelopeId, sent);
                submitted = new SubmissionResult(q.QueueId, tracking, sent);
                inSameCommit?.Invoke(tx, submitted);
            }

            if (localNow is not null)
            {
                delivered = localNow.Deliver(tx, q, message, _options, _logger);
            }

            return submitted;
        }, cancellationToken).ConfigureAwait(false);

        Accepted(result.QueueId, message.ReversePath, message.Recipients.Count, message.Content.Length, origin, LocalDeliveryAtAcceptance.LeftForRunner(message, delivered));
        if (delivered is not null)
        {
            Settled(delivered);
        }

        return result;
    }

    private void Accepted(string queueId, string reversePath, int recipients, long size, string origin, bool wakeRunner = true)
    {
        _metrics.Accepted();
        QueueLog.Accepted(_logger, queueId, reversePath, recipients, size, origin);
        if (wakeRunner)
        {
            _signal?.Notify();
        }
    }

    // After the commit, as the runner does for a settlement (MessageDelivery): metrics and the log line per recipient.
    private void Settled(SettlementResult result)
    {
        foreach (var r in result.Settled)
        {
            _metrics.Delivery(r.State.ToText());
            QueueLog.Settled(_logger, result.Message.QueueId, r.Address, r.State.ToText(), r.Status, r.Attempts, r.RemoteMta, r.Diagnostic);
        }

        foreach (var (_, action) in result.Reported)
        {
            _metrics.DsnSent(action);
        }
    }

    // RFC 6152: 8-bit content is declared as 8BITMIME (the outbound client downgrades or refuses per hop).
    private static BodyType? BodyOf(byte[] content) => Ascii.IsValid(content) ? null : BodyType.EightBitMime;
}
