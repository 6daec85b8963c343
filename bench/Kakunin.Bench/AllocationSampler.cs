using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Kakunin.Bench;

/// <summary>
/// The runtime's allocation samples (the GCAllocationTick event, one per ~100 KB allocated) counted by type, in
/// process: which types the analyser's allocations are made of, without an external tracer.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    public ConcurrentDictionary<string, long> BytesByType { get; } = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // GCAllocationTick_V2..V4: AllocationAmount64 and TypeName name the sample.
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.PayloadNames is null)
        {
            return;
        }

        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload![t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload![a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        BytesByType.AddOrUpdate(type, amount, (_, n) => n + amount);
    }
}
