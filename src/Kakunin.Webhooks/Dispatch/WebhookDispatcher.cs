using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Kakunin.Store;
using Kakunin.Store.Webhooks;
using Kakunin.Tracking.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// The background service of <c>kakunin serve</c> that delivers the outbox (docs/webhooks.md). Woken after every commit
/// that added deliveries (migration 13's trigger reports on <see cref="WebhookSchema.OutboxChannel"/>) and every
/// <see cref="WebhookOptions.PollInterval"/> for retries that fall due. It reads due deliveries and their events on
/// its own read connection, sends them with bounded concurrency (per endpoint and in all), and writes the results back
/// in batches, one unit of the store's writer per batch, so SMTP's commits never wait behind a receiver.
/// A delivery stays "in flight" here until its result is committed, so it is never sent twice by one process; a
/// crash between a receiver's 2xx and that commit sends it again after restart, with the same webhook-id
/// (at-least-once). On PostgreSQL, where several nodes share the outbox, the due list is a claim with a lease in the
/// database (<see cref="OutboxReader"/>, migration 20), renewed while the attempt runs (<see cref="OutboxLeases"/>),
/// and a result is written only while its lease token is still this node's (<see cref="AttemptResults"/>): each
/// delivery is posted by one node, and by another only after the first stopped holding it.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    private readonly KakuninStore _store;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly WebhookSender _sender;
    private readonly HttpClient _client;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<AttemptResult> _results = Channel.CreateUnbounded<AttemptResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, long> _inFlight = new(); // delivery id → endpoint id
    private readonly ConcurrentDictionary<long, long> _leases = new(); // PostgreSQL: delivery id → lease token, claimed and not yet settled or given up
    private readonly OutboxLease? _lease; // null on SQLite: the in-flight set is the claim
    private readonly SemaphoreSlim _slots;
    private readonly StageLog? _stageLog;
    private long _delivered;
    private long _failedAttempts;
    private long _noticeCommit; // for the stage log: the commit and arrival of the latest outbox notice not yet taken by a pass
    private long _noticeAt;

    public WebhookDispatcher(KakuninStore store, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _client = new HttpClient(Targets.GuardedConnector.CreateHandler(options.AllowPrivateTargets, options.Timeout)) { Timeout = Timeout.InfiniteTimeSpan };
        _sender = new WebhookSender(_client, options, time);
        _stageLog = StageLog.Open(options.StageLog, options.StageLogLines);
        _lease = store.IsSqlite
            ? null
            : new OutboxLease(options.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}", options.LeaseDuration);
    }

    /// <summary>Attempts that got a 2xx so far (this process).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Attempts that did not, so far (this process).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Whether the stage log still times attempts (docs/webhooks.md, "Where a webhook's time goes").</summary>
    private bool Timing => _stageLog?.IsLogging == true;

    /// <summary>Look at the outbox now (a resend or a re-enable was committed).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public override void Dispose()
    {
        _stageLog?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client.Dispose();
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _store.Changes.Subscribe(WebhookSchema.OutboxChannel, _ => Noticed());
        var writer = Task.Run(() => WriteResultsAsync(stoppingToken), CancellationToken.None);
        var leases = _lease is null ? null : new OutboxLeases(_store, _lease);
        var renewal = leases is null ? Task.CompletedTask : Task.Run(() => RenewLeasesAsync(leases, stoppingToken), CancellationToken.None);
        DbConnection? connection = null;
        OutboxReader? outbox = null; // its statements prepared once per connection
        try
        {
            Wake(); // what was pending before a restart
            while (!stoppingToken.IsCancellationRequested)
            {
                var woken = await WaitAsync(stoppingToken).ConfigureAwait(false);
                var pass = Timing ? TakeNotice(woken) : default;
                try
                {
                    // A connection lost with its server (PostgreSQL stopped or restarted) is replaced at the next pass;
                    // until the database is back every pass fails, is logged, and waits for the poll interval or a notice.
                    if (outbox is null || connection is not { State: System.Data.ConnectionState.Open })
                    {
                        if (outbox is not null)
                        {
                            await outbox.DisposeAsync().ConfigureAwait(false);
                            outbox = null;
                        }

                        if (connection is not null)
                        {
                            await connection.DisposeAsync().ConfigureAwait(false);
                            connection = null;
                        }

                        connection = await _store.OpenReadConnectionAsync(stoppingToken).ConfigureAwait(false);
                        outbox = new OutboxReader(connection, _lease);
                    }

                    await DispatchDueAsync(outbox!, leases, pass, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is DbException || (e is InvalidOperationException && connection is not { State: System.Data.ConnectionState.Open }))
                {
                    DispatcherLog.ReadFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (outbox is not null)
            {
                await outbox.DisposeAsync().ConfigureAwait(false);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            _results.Writer.TryComplete();
            await writer.ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            if (leases is not null)
            {
                // What this node claimed and did not settle is free for the other nodes now, not after the lease's expiry.
                await ReleaseAsync(leases, [.. _leases.Keys]).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// PostgreSQL: every <see cref="WebhookOptions.LeaseRenewal"/>, moves the expiry of the leases of deliveries still in
    /// hand (sending, or their result not yet committed), so they stay this node's; a node that stops renewing (dead,
    /// paused) loses them after <see cref="WebhookOptions.LeaseDuration"/> and another node posts them.
    /// </summary>
    private async Task RenewLeasesAsync(OutboxLeases leases, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.LeaseRenewal, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await leases.RenewAsync([.. _leases.Keys], stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    DispatcherLog.LeaseUpkeepFailed(_logger, e, _lease!.Node);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Gives up this node's leases on <paramref name="deliveryIds"/>; a failure leaves them to run out.</summary>
    private async Task ReleaseAsync(OutboxLeases leases, long[] deliveryIds)
    {
        foreach (var id in deliveryIds)
        {
            _leases.TryRemove(id, out _);
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await leases.ReleaseAsync(deliveryIds, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: a lease not given up runs out on its own.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DispatcherLog.LeaseUpkeepFailed(_logger, e, _lease!.Node);
        }
    }

    /// <summary>The store's notice that a commit added deliveries.</summary>
    private void Noticed()
    {
        if (Timing)
        {
            Volatile.Write(ref _noticeCommit, _store.Changes.LastPublishedTimestamp);
            Volatile.Write(ref _noticeAt, Stopwatch.GetTimestamp());
        }

        Wake();
    }

    /// <summary>For the stage log: what woke this pass (a notice, the poll, or <see cref="Wake"/> after results or a resend).</summary>
    private PassStages TakeNotice(bool woken)
    {
        var notice = Interlocked.Exchange(ref _noticeAt, 0);
        var commit = Interlocked.Exchange(ref _noticeCommit, 0);
        return StageLog.PassBegins(notice == 0 ? 0 : commit, notice, notice != 0 ? "notice" : woken ? "wake" : "poll");
    }

    /// <summary>Waits for a wake-up or the poll interval; true when woken.</summary>
    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(_options.PollInterval);
        try
        {
            await _wake.Reader.WaitToReadAsync(poll.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task DispatchDueAsync(OutboxReader outbox, OutboxLeases? leases, PassStages pass, CancellationToken stoppingToken)
    {
        var room = _options.MaxConcurrency - _inFlight.Count;
        if (room <= 0)
        {
            return;
        }

        var due = await outbox.DueAsync(_time.GetUtcNow(), _options.MaxConcurrencyPerEndpoint, new Dictionary<long, long>(_inFlight), stoppingToken, room).ConfigureAwait(false);
        foreach (var delivery in due)
        {
            if (delivery.LeaseToken is { } token)
            {
                _leases[delivery.Id] = token; // before anything that may throw: from here it is renewed, or given up below
            }
        }

        var started = 0;
        try
        {
            for (; started < due.Count; started++)
            {
                var delivery = due[started];
                if (!_inFlight.TryAdd(delivery.Id, delivery.EndpointId))
                {
                    continue;
                }

                // SQLite reads without a claim: a delivery whose result was committed after the list was read is still
                // in it. PostgreSQL's claim is the check (a settled row is no longer pending, a held one is leased).
                if (!outbox.Claims && !await outbox.StillDueAsync(delivery, stoppingToken).ConfigureAwait(false))
                {
                    _inFlight.TryRemove(delivery.Id, out _);
                    continue;
                }

                EventPayload? payload;
                try
                {
                    payload = await outbox.PayloadAsync(delivery.EventId, stoppingToken).ConfigureAwait(false);
                }
                catch
                {
                    _inFlight.TryRemove(delivery.Id, out _); // not sent: looked at again at the next pass (claimed: given up below)
                    throw;
                }

                if (payload is null)
                {
                    // The event is there (a foreign key holds it) but has no type this version sends: give it up.
                    _results.Writer.TryWrite(new AttemptResult(delivery with { RetryFrom = DateTimeOffset.MinValue }, _time.GetUtcNow(), null, "event not sendable by this version"));
                    continue;
                }

                var read = Timing ? Stopwatch.GetTimestamp() : 0;
                try
                {
                    await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
                catch
                {
                    _inFlight.TryRemove(delivery.Id, out _);
                    throw;
                }

                _ = SendAsync(delivery, payload, pass, read, stoppingToken);
            }
        }
        finally
        {
            if (leases is not null && started < due.Count)
            {
                // The pass failed (a lost connection, the stop) with claimed deliveries not sent: free them for any node.
                await ReleaseAsync(leases, [.. due.Skip(started).Where(d => !_inFlight.ContainsKey(d.Id)).Select(d => d.Id)]).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(DueDelivery delivery, EventPayload payload, PassStages pass, long read, CancellationToken stoppingToken)
    {
        try
        {
            var sent = Timing ? Stopwatch.GetTimestamp() : 0;
            var result = await _sender.SendAsync(delivery, payload.Id, payload.ToUtf8Json(), stoppingToken).ConfigureAwait(false);
            if (sent != 0)
            {
                _stageLog?.Attempt(pass, delivery.Id, delivery.EventId, read, sent, Stopwatch.GetTimestamp(), result.Status);
            }
            Interlocked.Increment(ref result.Succeeded ? ref _delivered : ref _failedAttempts);
            _results.Writer.TryWrite(result);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _inFlight.TryRemove(delivery.Id, out _); // shutting down: it stays pending and is sent after the restart
        }
#pragma warning disable CA1031 // One attempt's fault must not stop the dispatcher; it is logged and retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DispatcherLog.AttemptFailed(_logger, e, delivery.Id);
            _results.Writer.TryWrite(new AttemptResult(delivery, _time.GetUtcNow(), null, e.Message));
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task WriteResultsAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AttemptResult>();
        var leaseLost = new List<long>();
        while (await _results.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 256 && _results.Reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            try
            {
                // Without waiting for an fsync (StoreWriter.WriteWithoutFsyncAsync): a result lost to a power cut only
                // sends that event again (at-least-once, same webhook-id), and SMTP's commits are not held behind ours.
                var disabled = await _store.Writer.WriteWithoutFsyncAsync(tx => AttemptResults.Apply(tx, batch, _options, leaseLost), CancellationToken.None).ConfigureAwait(false);
                foreach (var endpoint in disabled)
                {
                    DispatcherLog.Disabled(_logger, endpoint);
                }

                foreach (var delivery in leaseLost)
                {
                    DispatcherLog.LeaseLost(_logger, delivery, _lease!.Node);
                }
            }
#pragma warning disable CA1031 // The results are lost, not the deliveries: they stay pending and are tried again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                DispatcherLog.WriteFailed(_logger, e, batch.Count);
            }

            foreach (var result in batch)
            {
                // Written or not, this node is done with it: a result not written leaves the lease to run out (the
                // database is likely away), and then any node claims the delivery again.
                _leases.TryRemove(result.Delivery.Id, out _);
                _inFlight.TryRemove(result.Delivery.Id, out _);
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                Wake(); // room for more
            }
        }
    }
}
