using Kakunin.Queue.Dkim;
using Kakunin.Queue.Scheduling;
using Kakunin.Smtp.Client;
using Kakunin.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Kakunin.Protocol;

namespace Kakunin.Queue;

/// <summary>
/// The scheduler: the only component that moves queue recipients between states. It never waits for a batch to
/// finish: it takes due recipients as soon as they are committed (woken by <see cref="QueueSignal"/>) or become due,
/// and hands them on at once: a message's local recipients to the local lane, its remote ones per domain to
/// <see cref="DestinationScheduler"/>, which limits each destination and all of them together. So local mail never
/// waits for a remote host, and a slow or dead destination holds up only its own mail (docs/queue.md, Scheduling).
/// What is in flight lives in memory only; recovery after a crash is the next fetch: whatever was not committed is
/// due again.
/// </summary>
public sealed class QueueRunner : BackgroundService
{
    private const int MaxPassesPerRun = 8;
    private static readonly TimeSpan ErrorCooldown = TimeSpan.FromSeconds(30);
    private readonly KakuninStore _store;
    private readonly IOutboundTransport _transport;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly QueueMetrics _metrics;
    private readonly ILogger _logger;
    private readonly QueueSignal _wake;
    private readonly bool _ownsWake;
    private readonly MessageDelivery _delivery;
    private readonly DestinationScheduler _remote;
    private readonly System.Threading.Channels.Channel<DeliveryJob> _local = System.Threading.Channels.Channel.CreateUnbounded<DeliveryJob>();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DateTimeOffset?> _busy = []; // in flight (null) or cooling down after an error (until)
    private readonly Dictionary<long, int> _leases = []; // PostgreSQL: lease token → jobs still working under it
    private readonly string _node;
    private int _localActive;
    private int _externalCommit; // 1 when another process committed since the runner last looked (docs/storage.md)
    private long? _retryRequestSeen; // the last `kakunin queue retry` time acted on
    private volatile bool _fetchWasLimited;
    private CancellationToken _stopping;

    /// <param name="signal">Wakes the runner when mail is committed; the runner also uses it to wake itself.</param>
    /// <param name="signer">Signs what leaves for other servers (DKIM); nothing is signed without one.</param>
    public QueueRunner(KakuninStore store, IOutboundTransport transport, QueueOptions options, TimeProvider timeProvider, QueueMetrics metrics, ILogger<QueueRunner> logger, QueueSignal? signal = null, IOutboundSigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        (_store, _transport, _options, _time, _metrics, _logger) = (store, transport, options, timeProvider, metrics, logger);
        (_wake, _ownsWake) = signal is null ? (new QueueSignal(), true) : (signal, false);
        _delivery = new MessageDelivery(store, transport, options, metrics, logger, signer);
        _node = options.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        _remote = new DestinationScheduler(options, timeProvider, DeliverRemoteAsync, SuspendAsync, (name, until, error) => QueueLog.DestinationDead(_logger, name, until, error));
        // The local lane: a few workers taking jobs in the order they were fetched (so mail lands in a mailbox in
        // queue order), never behind a remote delivery.
        for (var i = 0; i < options.LocalConcurrency; i++)
        {
            _ = Task.Run(LocalWorkerAsync);
        }
    }

    /// <summary>
    /// After another process's commit: when it was <c>kakunin queue retry</c> (it records the time of the request), the
    /// destinations declared dead are revived, so the retried mail is tried now and not suspended again until their
    /// back-off ends (Postfix's <c>postqueue -f</c> does the same).
    /// </summary>
    private async Task ReviveDeadOnRetryRequestAsync(CancellationToken cancellationToken)
    {
        var requested = await _store.Queue.RetryRequestedAtAsync(cancellationToken).ConfigureAwait(false);
        if (requested is null || requested == _retryRequestSeen)
        {
            return;
        }

        _retryRequestSeen = requested;
        var revived = _remote.ReviveDead();
        if (revived.Count > 0)
        {
            QueueLog.DeadRevived(_logger, string.Join(", ", revived));
        }
    }

    /// <summary>
    /// Delivers everything due at <paramref name="now"/> and waits for it, again until nothing is due (DSNs and
    /// alias targets queued by a delivery are due at once). Returns the number of recipients attempted. For tests and
    /// tools; the server runs <see cref="ExecuteAsync"/>.
    /// </summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var pass = 0; pass < MaxPassesPerRun; pass++)
        {
            var (jobs, _) = await DispatchAsync(now, now, cancellationToken).ConfigureAwait(false);
            if (jobs.Count == 0)
            {
                break;
            }

            await Task.WhenAll(jobs.Select(j => j.Done.Task)).ConfigureAwait(false);
            total += jobs.Sum(j => j.Recipients.Count);
        }

        _metrics.SetDepth(await _store.Queue.CountOpenRecipientsAsync(cancellationToken).ConfigureAwait(false));
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        QueueLog.Recovered(_logger, await _store.Queue.CountOpenRecipientsAsync(stoppingToken).ConfigureAwait(false));
        // `kakunin queue retry` (another process) changes the queue in the database: look at once, not at the next poll.
        _retryRequestSeen = await _store.Queue.RetryRequestedAtAsync(stoppingToken).ConfigureAwait(false);
        using var external = _store.Changes.SubscribeExternal(() =>
        {
            Volatile.Write(ref _externalCommit, 1);
            _wake.Notify();
        });
        var renewal = _store.IsSqlite ? Task.CompletedTask : RenewLeasesAsync(stoppingToken);
        var depthAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                if (Interlocked.Exchange(ref _externalCommit, 0) == 1)
                {
                    await ReviveDeadOnRetryRequestAsync(stoppingToken).ConfigureAwait(false);
                }

                var (jobs, fetched) = await DispatchAsync(_time.GetUtcNow(), null, stoppingToken).ConfigureAwait(false);
                foreach (var job in jobs)
                {
                    _ = ObserveAsync(job);
                }

                full = fetched >= _options.BatchSize;
                if (!full && _time.GetUtcNow() - depthAt >= TimeSpan.FromSeconds(1))
                {
                    // The gauge is a count over the queue: once a second is enough, not once per wake-up.
                    _metrics.SetDepth(await _store.Queue.CountOpenRecipientsAsync(stoppingToken).ConfigureAwait(false));
                    depthAt = _time.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                QueueLog.PassFailed(_logger, e);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (full)
            {
                continue; // more may be due right now
            }

            try
            {
                await _wake.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await WhenIdleAsync().ConfigureAwait(false); // deliveries see the cancellation and end before the store closes
        await renewal.ConfigureAwait(false);
        if (!_store.IsSqlite)
        {
            // What this node claimed and did not settle is free for the other nodes now, not after the lease's expiry.
            await ReleaseLeasesAsync(null).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// PostgreSQL: every <see cref="QueueOptions.LeaseRenewal"/>, moves the expiry of the leases that jobs still work
    /// under, so a long attempt keeps its recipients and a node that stops renewing (dead, or paused) loses them after
    /// <see cref="QueueOptions.LeaseDuration"/> (docs/postgresql.md).
    /// </summary>
    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.LeaseRenewal, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                long[] tokens;
                lock (_gate)
                {
                    tokens = [.. _leases.Keys];
                }

                try
                {
                    await _store.Queue.RenewLeasesAsync(_node, tokens, _options.LeaseDuration, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    QueueLog.LeaseUpkeepFailed(_logger, e, _node);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Gives up this node's leases on <paramref name="recipientIds"/> (all when null); a failure leaves them to expire.</summary>
    private async Task ReleaseLeasesAsync(IReadOnlyCollection<long>? recipientIds)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _store.Queue.ReleaseLeasesAsync(_node, recipientIds, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            QueueLog.LeaseUpkeepFailed(_logger, e, _node);
        }
    }

    public override void Dispose()
    {
        _local.Writer.TryComplete();
        if (_ownsWake)
        {
            _wake.Dispose();
        }

        base.Dispose();
    }

    /// <summary>
    /// Fetches what is due and not already in hand, and hands it on without waiting for it. Returns the jobs and how
    /// many recipients were fetched.
    /// </summary>
    private async Task<(List<DeliveryJob> Jobs, int Fetched)> DispatchAsync(DateTimeOffset now, DateTimeOffset? settleAt, CancellationToken cancellationToken)
    {
        var localDomains = await _store.Directory.GetLocalDomainsAsync(cancellationToken).ConfigureAwait(false);
        var filter = Filter(localDomains);
        if (filter is null)
        {
            return ([], 0);
        }

        // SQLite: one process, the in-memory set is the claim. PostgreSQL: several nodes, the claim is a lease in the
        // database (docs/postgresql.md); the set stays as this node's cache of what it holds.
        long? token = null;
        IReadOnlyList<(QueueMessageRecord Message, QueueRecipientRecord Recipient)> due;
        if (_store.IsSqlite)
        {
            due = await _store.Queue.GetDueAsync(now, _options.BatchSize, filter, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (var claimed, due) = await _store.Queue.ClaimDueAsync(_node, _options.LeaseDuration, now, _options.BatchSize, filter, cancellationToken).ConfigureAwait(false);
            token = due.Count > 0 ? claimed : null;
        }

        var jobs = new List<DeliveryJob>();
        lock (_gate)
        {
            foreach (var message in due.Where(d => !_busy.ContainsKey(d.Recipient.Id)).GroupBy(d => d.Message.Id))
            {
                var first = message.First().Message;
                var recipients = message.Select(d => d.Recipient).ToList();
                var local = recipients.Where(r => localDomains.Contains(MailboxIdentity.DomainOf(r.Address))).ToList();
                if (local.Count > 0)
                {
                    jobs.Add(new DeliveryJob(first, local, null, null, settleAt, token));
                }

                foreach (var domain in recipients.Except(local).GroupBy(r => MailboxIdentity.DomainOf(r.Address), StringComparer.OrdinalIgnoreCase))
                {
                    jobs.Add(new DeliveryJob(first, [.. domain], domain.Key, _transport.DestinationOf(domain.Key), settleAt, token));
                }
            }

            foreach (var id in jobs.SelectMany(j => j.RecipientIds))
            {
                _busy[id] = null;
            }

            _localActive += jobs.Where(j => j.IsLocal).Sum(j => j.Recipients.Count);
            if (token is { } t && jobs.Count > 0)
            {
                _leases[t] = jobs.Count;
            }
        }

        foreach (var job in jobs)
        {
            if (job.IsLocal)
            {
                _local.Writer.TryWrite(job); // unbounded; what it holds is bounded by MaxActiveRecipients
            }
            else
            {
                _remote.Enqueue(job);
            }
        }

        return (jobs, due.Count);
    }

    /// <summary>
    /// What the next fetch leaves out: recipients in hand; destinations that hold all they may; all remote mail when
    /// the remote side holds <see cref="QueueOptions.MaxActiveRecipients"/>; local mail when the local lane holds as
    /// much. Null when both are full (nothing to fetch).
    /// </summary>
    private DueFilter? Filter(IReadOnlySet<string> localDomains)
    {
        var remoteFull = _remote.ActiveRecipients >= _options.MaxActiveRecipients;
        bool localFull;
        long[] busy;
        lock (_gate)
        {
            localFull = _localActive >= _options.MaxActiveRecipients;
            var now = _time.GetUtcNow();
            foreach (var expired in _busy.Where(b => b.Value is { } until && until <= now).Select(b => b.Key).ToList())
            {
                _busy.Remove(expired);
            }

            busy = [.. _busy.Keys];
        }

        if (remoteFull && localFull)
        {
            _fetchWasLimited = true;
            return null;
        }

        var skip = _remote.FullDomains().Concat(localFull ? localDomains : []).ToArray();
        _fetchWasLimited = remoteFull || localFull || skip.Length > 0;
        return new DueFilter(busy, skip, remoteFull ? [.. localDomains] : null);
    }

    private async Task LocalWorkerAsync()
    {
        await foreach (var job in _local.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var result = await _delivery.DeliverLocalAsync(job, job.Now ?? _time.GetUtcNow(), _stopping).ConfigureAwait(false);
                Finished(job, result, null);
            }
            catch (Exception e)
            {
                Finished(job, null, e);
            }
        }
    }

    private async Task<DeliveryOutcome> DeliverRemoteAsync(DeliveryJob job)
    {
        try
        {
            var (result, outcome) = await _delivery.DeliverRemoteAsync(job, job.Now ?? _time.GetUtcNow(), _stopping).ConfigureAwait(false);
            Finished(job, result, null);
            return outcome;
        }
        catch (Exception e)
        {
            Finished(job, null, e);
            return DeliveryOutcome.Nothing;
        }
    }

    private async Task SuspendAsync(DeliveryJob job, string reason)
    {
        try
        {
            Finished(job, await _delivery.SuspendAsync(job, reason, job.Now ?? _time.GetUtcNow(), _stopping).ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            Finished(job, null, e);
        }
    }

    /// <summary>Releases the job's recipients (or cools them down after an error) and wakes the fetch for what it queued.</summary>
    private void Finished(DeliveryJob job, SettlementResult? result, Exception? error)
    {
        if (error is Kakunin.Store.Integrity.DamagedContentException damaged)
        {
            // The store has logged and counted it and holds the message apart (state 'damaged', never fetched again):
            // this job ends there; nothing else waits for it (docs/storage.md).
            QueueLog.HeldDamaged(_logger, job.Message.QueueId, damaged.Message);
            error = null;
        }

        if (error is QueueLeaseLostException lost)
        {
            // Another node claimed these recipients after this node's lease ran out and delivers them: this node's
            // settlement was rolled back whole, and it stops working on them (no cooldown: they are not its own any more).
            QueueLog.LeaseLost(_logger, job.Message.QueueId, _node, lost.Message);
            error = null;
        }
        else if (error is not null and not OperationCanceledException && job.LeaseToken is not null)
        {
            // Failed before its settlement: free this job's leases (not the whole claim's: other jobs under the same token
            // may still be delivering), so the retry after the cooldown, here or on another node, need not wait out the expiry.
            _ = ReleaseLeasesAsync([.. job.RecipientIds]);
        }

        lock (_gate)
        {
            DateTimeOffset? cooldown = error is null or OperationCanceledException ? null : _time.GetUtcNow() + ErrorCooldown;
            foreach (var id in job.RecipientIds)
            {
                if (cooldown is null)
                {
                    _busy.Remove(id);
                }
                else
                {
                    _busy[id] = cooldown;
                }
            }

            if (job.IsLocal)
            {
                _localActive -= job.Recipients.Count;
            }

            if (job.LeaseToken is { } token && _leases.TryGetValue(token, out var working))
            {
                if (working <= 1)
                {
                    _leases.Remove(token);
                }
                else
                {
                    _leases[token] = working - 1;
                }
            }
        }

        if (error is null)
        {
            job.Done.TrySetResult();
        }
        else
        {
            job.Done.TrySetException(error);
        }

        // Fetch again only when this made new work due at once (a DSN, alias targets) or freed room the last fetch
        // lacked; waking for every finished job cost a fetch per delivery (docs/benchmarks.md §11).
        if (_fetchWasLimited || result?.DsnQueueId is not null || result?.Settled.Any(r => r.State == RecipientState.Expanded) == true)
        {
            _wake.Notify();
        }
    }

    private async Task ObserveAsync(DeliveryJob job)
    {
        try
        {
            await job.Done.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            QueueLog.DeliveryFailed(_logger, e, job.Message.QueueId, job.Domain ?? "local");
        }
    }

    private async Task WhenIdleAsync()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_localActive == 0 && _remote.ActiveRecipients == 0)
                {
                    return;
                }
            }

            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
