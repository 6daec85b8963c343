using System.Diagnostics.Metrics;
using Kakunin.Store;

namespace Kakunin.Web.Storage;

/// <summary>
/// The data folder's file system on the Meter "Kakunin.Storage", read at each scrape: <c>kakunin_storage_free_bytes</c>,
/// <c>kakunin_storage_size_bytes</c> and <c>kakunin_storage_reserve_bytes</c> in Prometheus. Mail refused for want of
/// space is counted in <c>kakunin_queue_rejections_total{reason="storage-full"}</c>.
/// </summary>
public sealed class StorageSpaceMetrics : IDisposable
{
    public const string MeterName = "Kakunin.Storage";

    private readonly Meter _meter;

    public StorageSpaceMetrics(KakuninStore store, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        var space = store.Space;
        // An unreadable file system reports nothing rather than a made-up number (the /health check says why).
        _meter.CreateObservableGauge("kakunin.storage.free", () => space.Read() is { } r ? [new Measurement<long>(r.Free)] : Array.Empty<Measurement<long>>(), "By", "Bytes free on the data folder's file system (what an unprivileged process may use)");
        _meter.CreateObservableGauge("kakunin.storage.size", () => space.Read() is { } r ? [new Measurement<long>(r.Size)] : Array.Empty<Measurement<long>>(), "By", "Size of the data folder's file system");
        _meter.CreateObservableGauge("kakunin.storage.reserve", () => space.Reserve, "By", "Free space kept for deliveries, DSNs and tracking: below it new mail is refused");
    }

    public void Dispose() => _meter.Dispose();
}
