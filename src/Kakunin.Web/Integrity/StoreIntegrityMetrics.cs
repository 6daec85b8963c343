using System.Diagnostics.Metrics;
using Kakunin.Store;

namespace Kakunin.Web.Integrity;

/// <summary>
/// The store's integrity on the Meter "Kakunin.Store" (Prometheus names in docs/storage.md): whether the last check
/// found it intact (1) or damaged (0; nothing before the first check ends), how long that check took and when it ended,
/// and the damaged messages that reads found (distinct messages, and every read of one), by source (mailbox, queue).
/// </summary>
public sealed class StoreIntegrityMetrics : IDisposable
{
    public const string MeterName = "Kakunin.Store";

    private readonly Meter _meter;
    private readonly KakuninStore _store;
    private readonly Counter<long> _damaged;
    private readonly Counter<long> _damagedReads;

    public StoreIntegrityMetrics(KakuninStore store, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("kakunin.store.integrity.ok", Ok, null, "1 when the last quick_check found the store intact, 0 when it found it damaged");
        _meter.CreateObservableGauge("kakunin.store.integrity.check.duration", Duration, "s", "How long the last quick_check took");
        _meter.CreateObservableGauge("kakunin.store.integrity.last_check_time", When, "s", "When the last quick_check ended (Unix time)");
        _damaged = _meter.CreateCounter<long>("kakunin.store.damaged_messages", "{message}", "Messages whose stored bytes no longer match their checksum, found on reading (each once)");
        _damagedReads = _meter.CreateCounter<long>("kakunin.store.damaged_reads", "{read}", "Reads of a message whose stored bytes no longer match their checksum");
        store.Integrity.ContentDamaged += d => _damaged.Add(1, new KeyValuePair<string, object?>("source", d.SourceText));
        store.Integrity.DamagedRead += d => _damagedReads.Add(1, new KeyValuePair<string, object?>("source", d.SourceText));
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> Ok() => _store.Integrity.LastCheck is { } last ? [new(last.Intact ? 1 : 0)] : [];

    private IEnumerable<Measurement<double>> Duration() => _store.Integrity.LastCheck is { } last ? [new(last.Took.TotalSeconds)] : [];

    private IEnumerable<Measurement<long>> When() => _store.Integrity.LastCheck is { } last ? [new(last.FinishedAt.ToUnixTimeSeconds())] : [];
}
