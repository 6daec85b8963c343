using System.Diagnostics;
using System.Threading.Channels;
using Kakunin.Store;
using Microsoft.Extensions.Logging;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// Writes attempts' results back to the outbox in few, large units of the store's writer. Under sustained load, after
/// the first result of a batch it waits up to <see cref="WebhookOptions.ResultWindow"/> for more while attempts are in
/// flight, and writes them all (up to <see cref="MaxBatch"/>) in one unit: ~1,000 webhooks a second cost about twenty
/// units, not hundreds. Written without waiting for an fsync (StoreWriter.WriteWithoutFsyncAsync): a result lost to a
/// power cut only means that event is sent again with the same webhook-id, which at-least-once allows; and SMTP's
/// commits are not held behind ours.
/// </summary>
internal sealed class ResultRecorder(KakuninStore store, WebhookOptions options, ClaimedDeliveries claims, Func<int> inFlight, ILogger logger)
{
    /// <summary>The most results one unit writes.</summary>
    public const int MaxBatch = 512;

    private readonly Channel<AttemptResult> _results = Channel.CreateUnbounded<AttemptResult>(new UnboundedChannelOptions { SingleReader = true });

    private long _lastWrite; // Stopwatch timestamp; 0: none yet

    /// <summary>Units written so far (this process).</summary>
    public long UnitsWritten { get; private set; }

    public void Add(AttemptResult result) => _results.Writer.TryWrite(result);

    /// <summary>No more results: what is gathered is written at once and <see cref="RunAsync"/> ends.</summary>
    public void Complete() => _results.Writer.TryComplete();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AttemptResult>();
        while (await _results.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await GatherAsync(stoppingToken).ConfigureAwait(false);
            batch.Clear();
            while (batch.Count < MaxBatch && _results.Reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            _lastWrite = Stopwatch.GetTimestamp();
            claims.Settle(batch.Select(r => r.Delivery.Id));
        }
    }

    /// <summary>
    /// Under sustained load (the last unit was written less than <see cref="WebhookOptions.ResultWindow"/> ago) waits
    /// for more results while attempts are still in flight, up to that window in five steps. Otherwise (a quiet
    /// machine, a few events) the result is written at once, so the delivery log is as fresh as it can be.
    /// </summary>
    private async Task GatherAsync(CancellationToken stoppingToken)
    {
        var step = options.ResultWindow / 5;
        if (_lastWrite == 0 || Stopwatch.GetElapsedTime(_lastWrite) >= options.ResultWindow)
        {
            return;
        }

        for (var i = 0; i < 5 && step > TimeSpan.Zero && inFlight() > 0 && !stoppingToken.IsCancellationRequested; i++)
        {
            try
            {
                await Task.Delay(step, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // shutting down: write what is there now
            }
        }
    }

    private async Task WriteAsync(List<AttemptResult> batch)
    {
        try
        {
            var disabled = await store.Writer.WriteWithoutFsyncAsync(tx => AttemptResults.Apply(tx, batch, options), CancellationToken.None).ConfigureAwait(false);
            UnitsWritten++;
            foreach (var endpoint in disabled)
            {
                DispatcherLog.Disabled(logger, endpoint);
            }
        }
#pragma warning disable CA1031 // The results are lost, not the deliveries: they stay pending and are tried again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            DispatcherLog.WriteFailed(logger, e, batch.Count);
        }
    }
}
