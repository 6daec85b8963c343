using System.Diagnostics;
using Kakunin.Reports.Analysis;
using MimeKit;

namespace Kakunin.Bench;

/// <summary>
/// Analysis alone, for profiling: every message of the folder is parsed once and kept, then
/// <c>ReportAnalyzer.Analyze</c> runs over all of them again and again, so a profile of this command
/// shows the analyser without MimeKit's parse or the disk (throughput is the measure that counts;
/// this one says where the analyser's time goes). Prints analyses per CPU-second and per message the
/// slowest files.
/// </summary>
internal static class AnalyzeOnlyCommand
{
    /// <summary><c>analyze-only [corpus-dir] [passes]</c>; defaults: the corpus, 40.</summary>
    public static int Run(string[] args)
    {
        var corpusDir = Corpus.Directory(args);
        var passes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40;
        var files = Directory.EnumerateFiles(corpusDir, "*.eml").Order(StringComparer.Ordinal).ToList();
        var messages = files.Select(f => MimeMessage.Load(f)).ToList();
        var perFile = new double[files.Count];
        var perPass = new List<double>();
        var allocated = new long[files.Count];
        var process = Process.GetCurrentProcess();
        // Exceptions thrown and caught inside the analyser cost a stack walk each: count them by type and origin.
        var thrown = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
            thrown.AddOrUpdate($"{e.Exception.GetType().Name} from {CallerOutsideRuntime()}", 1, (_, n) => n + 1);
        // KAKUNIN_ALLOCATIONS=1: which types the allocations are (sampled by the runtime, second half only).
        AllocationSampler? sampler = null;
        for (var pass = 0; pass < passes; pass++)
        {
            if (pass == passes / 2 && Environment.GetEnvironmentVariable("KAKUNIN_ALLOCATIONS") == "1")
            {
                sampler = new AllocationSampler();
            }

            var cpuBefore = process.TotalProcessorTime;
            for (var i = 0; i < messages.Count; i++)
            {
                var before = ThreadCpuMicros();
                var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                ReportAnalyzer.Analyze(messages[i]);
                var spent = ThreadCpuMicros() - before;
                allocated[i] = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
                if (pass >= passes / 2)
                {
                    // Only the second half: the first passes include the JIT compiling and recompiling.
                    perFile[i] += spent;
                }
            }

            if (pass >= passes / 2)
            {
                perPass.Add(perFile.Sum());
            }

            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            if (pass == passes - 1 || pass % 20 == 0)
            {
                Console.WriteLine($"pass {pass}: {messages.Count / cpu:F0} analyses/cpu-s");
            }
        }

        foreach (var (site, count) in thrown.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"exceptions per pass: {count / (double)passes:F1} {site}");
        }

        var measured = passes - passes / 2;
        var passCosts = perPass.Zip(perPass.Skip(1), (before, after) => (after - before) / 1000).Prepend(perPass[0] / 1000).Order().ToList();
        Console.WriteLine($"thread CPU per pass over {files.Count} files: median {passCosts[passCosts.Count / 2]:F2} ms, fastest {passCosts[0]:F2} ms; "
            + $"allocated {allocated.Sum() / 1048576.0:F2} MiB per pass; per file, the slowest:");
        foreach (var i in Enumerable.Range(0, files.Count).OrderByDescending(i => perFile[i]).Take(20))
        {
            Console.WriteLine($"{perFile[i] / measured,10:F1} µs {allocated[i] / 1024.0,8:F0} KiB  {Path.GetFileName(files[i])}");
        }

        // Where a pass's time goes by the format that recognised each file (the last recogniser tried).
        Console.WriteLine("per format: files, share of a pass, mean per file, allocated per pass");
        var formats = messages.Select(m => ReportAnalyzer.Analyze(m).Format ?? "none").ToList();
        var total = perFile.Sum();
        foreach (var group in Enumerable.Range(0, files.Count).GroupBy(i => formats[i]).OrderByDescending(g => g.Sum(i => perFile[i])))
        {
            var spent = group.Sum(i => perFile[i]);
            Console.WriteLine($"{group.Key,-12} {group.Count(),4} {100 * spent / total,5:F1} % {spent / measured / group.Count(),8:F1} µs {group.Sum(i => allocated[i]) / 1024.0,8:F0} KiB");
        }

        if (sampler is not null)
        {
            sampler.Dispose();
            var sampled = sampler.BytesByType.Values.Sum();
            Console.WriteLine("allocations by type (sampled):");
            foreach (var (type, bytes) in sampler.BytesByType.OrderByDescending(p => p.Value).Take(25))
            {
                Console.WriteLine($"{100.0 * bytes / sampled,6:F1} %  {type}");
            }
        }

        return 0;
    }

    // The first frame in Kakunin's own code on the stack of a first-chance exception.
    private static string CallerOutsideRuntime()
    {
        var frames = new StackTrace(2, false).GetFrames();
        var ours = frames.Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("Kakunin.Reports", StringComparison.Ordinal) == true);
        return ours is null ? "?" : $"{ours.DeclaringType!.Name}.{ours.Name}";
    }

    // CPU time of this thread (Linux CLOCK_THREAD_CPUTIME_ID): a file's own cost, without the time the
    // thread spent waiting for a core on a loaded machine, which wall time would add at random.
    private static double ThreadCpuMicros()
    {
        _ = ClockGetTime(3, out var time);
        return time.Seconds * 1e6 + time.Nanoseconds / 1e3;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
