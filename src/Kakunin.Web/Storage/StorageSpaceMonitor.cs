using Kakunin.Store;
using Kakunin.Store.Space;

namespace Kakunin.Web.Storage;

/// <summary>
/// Looks at the data folder's free space every few seconds and says in the log when it crosses the reserve (a
/// warning: new mail is refused from now on) or twice the reserve, and when it comes back: the administrator learns it
/// from the journal, not only from /health and /metrics.
/// </summary>
internal sealed partial class StorageSpaceMonitor(KakuninStore store, StorageSpaceMetrics metrics, TimeProvider time, ILogger<StorageSpaceMonitor> logger) : BackgroundService
{
    /// <summary>How often the free space is read for the log (MAIL and /health read it themselves, each time).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private enum Level
    {
        Unknown,
        Ok,
        Near,
        Below,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = metrics; // constructed with the host, so the gauges exist from the first scrape
        var space = store.Space;
        var last = Level.Ok;
        while (!stoppingToken.IsCancellationRequested)
        {
            var reading = space.Read();
            var level = reading is not { } r ? Level.Unknown : r.IsBelowReserve ? Level.Below : r.IsNearReserve ? Level.Near : Level.Ok;
            if (level != last)
            {
                Report(space, reading, level, last);
                last = level;
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Report(StorageSpace space, SpaceReading? reading, Level level, Level before)
    {
        var free = reading is { } r ? StorageSize.Format(r.Free) : "?";
        var reserve = StorageSize.Format(space.Reserve);
        switch (level)
        {
            case Level.Below:
                BelowReserve(logger, free, space.Folder, reserve);
                break;
            case Level.Near:
                NearReserve(logger, free, space.Folder, reserve);
                break;
            case Level.Unknown:
                Unreadable(logger, space.Folder);
                break;
            default:
                if (before != Level.Ok)
                {
                    Recovered(logger, free, space.Folder, reserve);
                }

                break;
        }
    }

    [LoggerMessage(EventId = 1510, Level = LogLevel.Error, Message = "{Free} free on the file system holding {Folder}, below the reserve of {Reserve}: new mail is refused (452 4.3.1) until space is freed; mail already accepted is still delivered")]
    private static partial void BelowReserve(ILogger logger, string free, string folder, string reserve);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "{Free} free on the file system holding {Folder}, less than twice the reserve of {Reserve}: new mail will be refused below the reserve")]
    private static partial void NearReserve(ILogger logger, string free, string folder, string reserve);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Information, Message = "{Free} free on the file system holding {Folder}, above twice the reserve of {Reserve}: mail is accepted")]
    private static partial void Recovered(ILogger logger, string free, string folder, string reserve);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Warning, Message = "The free space of the file system holding {Folder} cannot be read")]
    private static partial void Unreadable(ILogger logger, string folder);
}
