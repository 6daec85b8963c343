using System.Threading.Channels;
using Kakunin.Store;
using Kakunin.Store.Webhooks;
using Kakunin.Tracking.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// The background service of <c>kakunin serve</c> that delivers the outbox (docs/webhooks.md). Woken after every commit
/// that added deliveries (migration 13's trigger reports on <see cref="WebhookSchema.OutboxChannel"/>) and every
/// <see cref="WebhookOptions.PollInterval"/> for retries that fall due. Webhook work yields to mail: passes over the
/// outbox are at least <see cref="WebhookOptions.PassInterval"/> apart, so under load one pass takes everything that
/// arrived in that window (one read for many webhooks) and hands each endpoint's share to its <see cref="EndpointLane"/>
/// (bounded concurrency per endpoint and in all), whose attempts run on <see cref="LowPriorityThreads"/> (nice 19); results are written back by <see cref="ResultRecorder"/> in few,
/// large units of the store's writer, without an fsync. A quiet outbox is looked at as soon as it is woken.
/// A delivery stays claimed here (<see cref="ClaimedDeliveries"/>) until its result is committed and the outbox read
/// again, so it is never sent twice by one process; a crash between a receiver's 2xx and that commit sends it again
/// after restart, with the same webhook-id (at-least-once).
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    /// <summary>How many deliveries a lane may hold (queued and being sent) per request it may have in flight.</summary>
    internal const int LaneDepthPerRequest = 4;

    private readonly KakuninStore _store;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly WebhookSender _sender;
    private readonly HttpClient _client;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ClaimedDeliveries _claims = new();
    private readonly ResultRecorder _recorder;
    private readonly Dictionary<long, EndpointLane> _lanes = [];
    private readonly LowPriorityThreads _threads;
    private CancellationToken _stopping;
    private long _delivered;
    private long _failedAttempts;
    private long _passes;

    public WebhookDispatcher(KakuninStore store, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _threads = new LowPriorityThreads(options.MaxConcurrency);
        _client = new HttpClient(Targets.GuardedConnector.CreateHandler(options.AllowPrivateTargets, options.Timeout)) { Timeout = Timeout.InfiniteTimeSpan };
        _sender = new WebhookSender(_client, options, time);
        _recorder = new ResultRecorder(store, options, _claims, () => _threads.Busy, logger);
    }

    /// <summary>Attempts that got a 2xx so far (this process).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Attempts that did not, so far (this process).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Passes over the outbox so far (this process).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Units of the store's writer the results took so far (this process).</summary>
    public long ResultUnits => _recorder.UnitsWritten;

    /// <summary>Look at the outbox now (a resend or a re-enable was committed).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public override void Dispose()
    {
        _client.Dispose();
        _threads.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var subscription = _store.Changes.Subscribe(WebhookSchema.OutboxChannel, _ => Wake());
        var recording = Task.Run(() => _recorder.RunAsync(stoppingToken), CancellationToken.None);
        try
        {
            await using var connection = await _store.OpenReadConnectionAsync(stoppingToken).ConfigureAwait(false);
            await using var reader = new OutboxReader(connection);
            Wake(); // what was pending before a restart
            var lastPass = long.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitAsync(stoppingToken).ConfigureAwait(false);
                await PaceAsync(lastPass, stoppingToken).ConfigureAwait(false);
                lastPass = _time.GetTimestamp();
                try
                {
                    await PassAsync(connection, reader, stoppingToken).ConfigureAwait(false);
                }
                catch (SqliteException e)
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
            _recorder.Complete();
            await recording.ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(_options.PollInterval);
        try
        {
            await _wake.Reader.WaitToReadAsync(poll.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Keeps passes <see cref="WebhookOptions.PassInterval"/> apart: when events come faster than that (SMTP busy), the
    /// next pass waits out the rest of the window and takes all of them at once; an event after a quiet spell goes at once.
    /// </summary>
    private async Task PaceAsync(long lastPass, CancellationToken stoppingToken)
    {
        if (lastPass == long.MinValue)
        {
            return;
        }

        var rest = _options.PassInterval - _time.GetElapsedTime(lastPass);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, _time, stoppingToken).ConfigureAwait(false);
            _wake.Reader.TryRead(out _); // wake-ups during the window are this pass's
        }
    }

    private async Task PassAsync(SqliteConnection connection, OutboxReader reader, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _passes);
        _claims.BeginRead();
        var now = _time.GetUtcNow();
        var bodies = new Dictionary<long, (string Id, byte[] Body)?>();
        var endpoints = await reader.EndpointsAsync(stoppingToken).ConfigureAwait(false);
        var depth = _options.MaxConcurrencyPerEndpoint * LaneDepthPerRequest;
        foreach (var endpoint in endpoints)
        {
            var lane = LaneOf(endpoint.Id);
            var room = depth - lane.Pending;
            if (room <= 0)
            {
                continue; // a slow endpoint with its lane full is not even read
            }

            foreach (var delivery in await reader.DueAsync(endpoint, now, room, _claims.CountFor(endpoint.Id), _claims, stoppingToken).ConfigureAwait(false))
            {
                if (!_claims.TryClaim(delivery.Id, delivery.EndpointId))
                {
                    continue;
                }

                if (!bodies.TryGetValue(delivery.EventId, out var body))
                {
                    var payload = await EventPayloadReader.ReadAsync(connection, delivery.EventId, stoppingToken).ConfigureAwait(false);
                    body = payload is null ? null : (payload.Id, payload.ToUtf8Json());
                    bodies[delivery.EventId] = body;
                }

                if (body is not { } b)
                {
                    // The event is there (a foreign key holds it) but has no type this version sends: give it up.
                    _recorder.Add(new AttemptResult(delivery with { RetryFrom = DateTimeOffset.MinValue }, _time.GetUtcNow(), null, "event not sendable by this version"));
                    continue;
                }

                lane.Enqueue(new OutgoingWebhook(delivery, b.Id, b.Body));
            }
        }

        ForgetIdleLanes(endpoints);
    }

    private EndpointLane LaneOf(long endpointId)
    {
        if (!_lanes.TryGetValue(endpointId, out var lane))
        {
            lane = new EndpointLane(_options.MaxConcurrencyPerEndpoint, _threads, Send, Wake);
            _lanes[endpointId] = lane;
        }

        return lane;
    }

    private void ForgetIdleLanes(List<(long Id, string Url, string Secret)> enabled)
    {
        if (_lanes.Count <= enabled.Count)
        {
            return;
        }

        var ids = enabled.Select(e => e.Id).ToHashSet();
        foreach (var (id, lane) in _lanes)
        {
            if (!ids.Contains(id) && lane.Pending == 0)
            {
                _lanes.Remove(id);
            }
        }
    }

    /// <summary>One attempt, on a low-priority thread (<see cref="LowPriorityThreads"/>).</summary>
    private void Send(OutgoingWebhook webhook)
    {
        var delivery = webhook.Delivery;
        try
        {
            _stopping.ThrowIfCancellationRequested();
            var result = _sender.Send(delivery, webhook.EventId, webhook.Body, _stopping);
            Interlocked.Increment(ref result.Succeeded ? ref _delivered : ref _failedAttempts);
            _recorder.Add(result);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            _claims.Settle([delivery.Id]); // shutting down: it stays pending and is sent after the restart
        }
#pragma warning disable CA1031 // One attempt's fault must not stop the dispatcher; it is logged and retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DispatcherLog.AttemptFailed(_logger, e, delivery.Id);
            _recorder.Add(new AttemptResult(delivery, _time.GetUtcNow(), null, e.Message));
        }
    }
}
