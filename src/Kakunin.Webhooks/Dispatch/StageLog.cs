using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// A benchmark's view of where a webhook's time goes (<see cref="WebhookOptions.StageLog"/>, off unless a file is named):
/// one JSON line per attempt with the wall-clock time, in Unix milliseconds with a fraction, of each stage — the commit
/// whose notice woke the pass, the notice reaching the dispatcher, the pass starting, the delivery and its event read,
/// the request handed to the HTTP client, the answer — and the process's GC pause total and thread-pool queue at the
/// pass and at the answer. bench/webhooks/webhook-bench joins it with tracking_events.at and the receiver's clock.
/// The lines are written by a task of their own, so an attempt only formats a string.
/// </summary>
internal sealed class StageLog : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly long _baseTimestamp = Stopwatch.GetTimestamp();
    private readonly double _baseUnixMs = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
    private readonly Task _writer;

    private StageLog(string path) => _writer = Task.Run(() => WriteAsync(path));

    /// <summary>The log, or null when <paramref name="path"/> is empty (the default: nothing is measured).</summary>
    public static StageLog? Open(string? path) => string.IsNullOrWhiteSpace(path) ? null : new StageLog(path);

    /// <summary>What the dispatcher knows when a pass over the outbox begins.</summary>
    public static PassStages PassBegins(long commit, long notice, string woken) => new(
        commit, notice, Stopwatch.GetTimestamp(), woken, GC.GetTotalPauseDuration(), ThreadPool.PendingWorkItemCount, ThreadPool.ThreadCount);

    /// <summary>One attempt's line.</summary>
    public void Attempt(PassStages pass, long deliveryId, long eventId, long read, long sent, long answered, int? status)
    {
        var line = new StringBuilder(320);
        var c = CultureInfo.InvariantCulture;
        line.Append(c, $"{{\"delivery\":{deliveryId},\"event\":{eventId},\"woken\":\"{pass.Woken}\",");
        line.Append(c, $"\"commit_ms\":{Ms(pass.Commit)},\"notice_ms\":{Ms(pass.Notice)},\"wake_ms\":{Ms(pass.Wake)},");
        line.Append(c, $"\"read_ms\":{Ms(read)},\"sent_ms\":{Ms(sent)},\"answered_ms\":{Ms(answered)},\"status\":{status?.ToString(c) ?? "null"},");
        line.Append(c, $"\"gc_pause_ms_at_wake\":{pass.GcPause.TotalMilliseconds:0.###},\"gc_pause_ms_at_answer\":{GC.GetTotalPauseDuration().TotalMilliseconds:0.###},");
        line.Append(c, $"\"pool_queue_at_wake\":{pass.PoolQueue},\"pool_threads_at_wake\":{pass.PoolThreads},\"gen0\":{GC.CollectionCount(0)},\"gen2\":{GC.CollectionCount(2)}}}");
        _lines.Writer.TryWrite(line.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private string Ms(long timestamp) => timestamp == 0
        ? "null"
        : (_baseUnixMs + Stopwatch.GetElapsedTime(_baseTimestamp, timestamp).TotalMilliseconds).ToString("0.###", CultureInfo.InvariantCulture);

    private async Task WriteAsync(string path)
    {
        await using var file = new StreamWriter(path, append: true, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_lines.Reader.TryRead(out var line))
            {
                await file.WriteLineAsync(line).ConfigureAwait(false);
            }

            await file.FlushAsync().ConfigureAwait(false);
        }
    }
}

