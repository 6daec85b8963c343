using System.Diagnostics;

namespace Kakunin.StoreBench;

/// <summary>Wall time and the process's CPU time of one piece of work (CPU is the steadier figure on a shared machine).</summary>
internal readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
{
    public static async Task<Timing> OfAsync(Func<Task> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await work();
        return new Timing(watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    public Timing Per(int count) => new(Wall / count, Cpu / count);
}
