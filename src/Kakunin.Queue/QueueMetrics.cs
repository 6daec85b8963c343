using System.Diagnostics.Metrics;

namespace Kakunin.Queue;

/// <summary>
/// The queue's counters, on the Meter "Kakunin.Queue": messages accepted, deliveries by outcome, DSNs by action,
/// rejections by reason, reports filed for local users by kind and match, and the queue depth (open recipients) as a gauge.
/// </summary>
public sealed class QueueMetrics : IDisposable
{
    public const string MeterName = "Kakunin.Queue";

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _dsns;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _reports;
    private long _depth;

    public QueueMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _accepted = _meter.CreateCounter<long>("kakunin.queue.accepted", "{message}", "Messages accepted into the queue");
        _deliveries = _meter.CreateCounter<long>("kakunin.queue.deliveries", "{recipient}", "Delivery results by outcome");
        _dsns = _meter.CreateCounter<long>("kakunin.queue.dsns", "{recipient}", "Recipients reported in DSNs, by action");
        _rejections = _meter.CreateCounter<long>("kakunin.queue.rejections", "{command}", "MAIL/RCPT/DATA refused, by reason");
        _reports = _meter.CreateCounter<long>("kakunin.queue.reports", "{message}", "Reports delivered to local users, by kind and whether they matched a tracked message");
        _meter.CreateObservableGauge("kakunin.queue.depth", () => Interlocked.Read(ref _depth), "{recipient}", "Recipients pending or deferred");
    }

    public void Accepted() => _accepted.Add(1);

    public void Delivery(string outcome) => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void DsnSent(string action) => _dsns.Add(1, new KeyValuePair<string, object?>("action", action));

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ReportFiled(string kind, string state) =>
        _reports.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("match", state));

    public void SetDepth(long depth) => Interlocked.Exchange(ref _depth, depth);

    public void Dispose() => _meter.Dispose();
}
