using Kakunin.Queue.Dkim;
using Kakunin.Smtp.Client;
using Kakunin.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Kakunin.Protocol;

namespace Kakunin.Queue;

/// <summary>
/// The scheduler: the only component that moves queue recipients between states. Each pass takes the due
/// recipients (pending, or deferred whose time has come), delivers local ones into mailboxes, hands remote ones
/// to <see cref="IOutboundTransport"/> grouped by domain, and records each message's results, DSN and tracking
/// in one transaction (<see cref="Settlement"/>). There is no in-flight state on disk, so recovery after a crash
/// is simply the next pass: whatever was not committed is due again (docs/queue.md).
/// </summary>
public sealed class QueueRunner : BackgroundService
{
    private const int MaxPassesPerRun = 8;
    private readonly KakuninStore _store;
    private readonly IOutboundTransport _transport;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly QueueMetrics _metrics;
    private readonly ILogger _logger;

    private readonly QueueSignal? _signal;
    private readonly IOutboundSigner? _signer;

    /// <param name="signer">Signs what leaves for other servers (DKIM); nothing is signed without one.</param>
    public QueueRunner(KakuninStore store, IOutboundTransport transport, QueueOptions options, TimeProvider timeProvider, QueueMetrics metrics, ILogger<QueueRunner> logger, QueueSignal? signal = null, IOutboundSigner? signer = null)
    {
        _signal = signal;
        _signer = signer;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        (_store, _transport, _options, _time, _metrics, _logger) = (store, transport, options, timeProvider, metrics, logger);
    }

    /// <summary>
    /// Runs passes at <paramref name="now"/> until nothing is due (DSNs and alias targets queued by a pass are due
    /// at once, so they go in the next pass). Returns the number of recipients attempted.
    /// </summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var pass = 0; pass < MaxPassesPerRun; pass++)
        {
            var due = await _store.Queue.GetDueAsync(now, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                break;
            }

            var localDomains = await _store.Directory.GetLocalDomainsAsync(cancellationToken).ConfigureAwait(false);
            // Messages are settled concurrently so that their commits share the writer's group commit
            // (one fsync for many) and a slow remote host does not hold up the others.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelDeliveries, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(due.GroupBy(d => d.Message.Id), parallel, async (group, ct) =>
            {
                var recipients = group.Select(g => g.Recipient).ToList();
                await ProcessMessageAsync(group.First().Message, recipients, localDomains, now, ct).ConfigureAwait(false);
                Interlocked.Add(ref total, recipients.Count);
            }).ConfigureAwait(false);
        }

        _metrics.SetDepth(await _store.Queue.CountOpenRecipientsAsync(cancellationToken).ConfigureAwait(false));
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        QueueLog.Recovered(_logger, await _store.Queue.CountOpenRecipientsAsync(stoppingToken).ConfigureAwait(false));
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await RunOnceAsync(_time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                QueueLog.PassFailed(_logger, e);
            }

            if (attempted > 0)
            {
                continue; // more may have arrived meanwhile
            }

            try
            {
                if (_signal is null)
                {
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await _signal.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ProcessMessageAsync(QueueMessageRecord message, List<QueueRecipientRecord> recipients, IReadOnlySet<string> localDomains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = new List<RecipientAttempt>();
        var remote = new List<QueueRecipientRecord>();
        foreach (var r in recipients)
        {
            if (localDomains.Contains(MailboxIdentity.DomainOf(r.Address)))
            {
                attempts.Add(new RecipientAttempt(r.Id, null)); // resolved inside the settlement transaction
            }
            else
            {
                remote.Add(r);
            }
        }

        // A possible report for a local user is read, stamped and analysed here, outside the single writer; ordinary
        // local mail (turned away by the pre-check at acceptance) is read inside the settlement, as it always was.
        var local = attempts.Count > 0;
        var content = remote.Count > 0 || (local && PreparedContent.MayBeReport(message))
            ? await _store.Queue.GetContentAsync(message.Id, cancellationToken).ConfigureAwait(false)
            : null;
        var prepared = content is null ? PreparedContent.Ordinary : local ? PreparedContent.ForLocal(message, content, _options.HostName) : PreparedContent.ForRemote(content);
        // Signed once per attempt, just before it leaves, as the bytes go out (the stored copy stays unsigned, so a
        // retry after a key rotation is signed with the new key); local copies are never signed.
        var outgoing = remote.Count > 0 && _signer is not null ? await _signer.SignAsync(content!, cancellationToken).ConfigureAwait(false) : content;
        foreach (var domain in remote.GroupBy(r => MailboxIdentity.DomainOf(r.Address)))
        {
            attempts.AddRange(await SendAsync(message, outgoing!, domain.Key, [.. domain], cancellationToken).ConfigureAwait(false));
        }

        // A crash or cancellation before this commit leaves every recipient due again: remote ones may be sent twice
        // (at-least-once, RFC 5321 §6.1 accepts duplicates over loss); local ones and DSNs happen inside it.
        var result = await _store.Writer.WriteAsync(tx => Settlement.Apply(tx, message.Id, attempts, now, _options, prepared), cancellationToken).ConfigureAwait(false);
        foreach (var r in result.Settled)
        {
            _metrics.Delivery(r.State.ToText());
            QueueLog.Settled(_logger, message.QueueId, r.Address, r.State.ToText(), r.Status, r.Attempts, r.RemoteMta, r.Diagnostic);
        }

        foreach (var (_, action) in result.Reported)
        {
            _metrics.DsnSent(action);
        }

        foreach (var (address, kind, state) in result.Filed)
        {
            _metrics.ReportFiled(kind, state);
            QueueLog.ReportFiled(_logger, message.QueueId, address, kind, state);
        }

        if (result.DsnQueueId is { } dsnId)
        {
            QueueLog.DsnQueued(_logger, message.QueueId, dsnId, message.ReversePath, string.Join(", ", result.Reported.Select(x => $"{x.Address} {x.Action}")));
        }
    }

    private async Task<IEnumerable<RecipientAttempt>> SendAsync(QueueMessageRecord message, byte[] content, string domain, List<QueueRecipientRecord> recipients, CancellationToken cancellationToken)
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
            results = await _transport.SendAsync(outbound, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            QueueLog.TransportFailed(_logger, e, message.QueueId, domain);
            results = [.. recipients.Select(r => new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.TransientFailure, null, e.Message, null, false))];
        }

        return recipients.Select((r, i) =>
        {
            var match = i < results.Count && MailboxIdentity.Same(results[i].Address, r.Address)
                ? results[i]
                : results.FirstOrDefault(x => MailboxIdentity.Same(x.Address, r.Address))
                  ?? new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.TransientFailure, null, "no result from the transport", null, false);
            return new RecipientAttempt(r.Id, match);
        });
    }
}
