using System.Diagnostics;
using Kakunin.Reports.Analysis;
using MimeKit;

namespace Kakunin.Bench;

/// <summary>
/// Reports parsed and classified per second, side by side in one run with MimeKit's bare parse of
/// the same bytes (the floor). The corpus is replicated into an mbox file of at least the asked
/// size and streamed from disk, as <c>kakunin report parse big.mbox</c> would; the two sides are
/// interleaved over several rounds and the median round is reported. Memory is the managed heap
/// after a full collection and the process's peak working set, at two input sizes, to show it
/// stays flat as the input grows. Rates are per CPU-second of the process, so that other work on
/// the machine does not skew the ratio.
/// </summary>
internal static class ThroughputCommand
{
    private static bool readSmtpCommand;

    /// <summary>
    /// <c>throughput [corpus-dir] [messages] [rounds] [once] [smtp-command]</c>; defaults: the corpus, 10,000, 5. With
    /// <c>once</c> only the first size is run (for profiling and quick checks; the memory claim needs both sizes). With
    /// <c>smtp-command</c> the Kakunin side also reads each outcome's <c>SmtpCommand</c>, which the analyser finds only
    /// when read and <c>kakunin report parse</c> prints: the analysis the command line pays, not only the library's.
    /// </summary>
    public static int Run(string[] args)
    {
        var corpusDir = Corpus.Directory(args);
        var messages = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var samples = Directory.EnumerateFiles(corpusDir, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        if (samples.Count == 0)
        {
            Console.Error.WriteLine($"throughput: no .eml files in {corpusDir}");
            return 2;
        }

        Console.WriteLine($"corpus: {samples.Count} messages from {corpusDir}");
        var once = args.Skip(3).Contains("once");
        readSmtpCommand = args.Skip(3).Contains("smtp-command");
        foreach (var size in once ? new[] { messages } : new[] { messages, messages * 4 })
        {
            var mbox = WriteMbox(samples, size);
            try
            {
                Measure(mbox, size, rounds);
            }
            finally
            {
                File.Delete(mbox);
            }
        }

        return 0;
    }

    private static void Measure(string mbox, int size, int rounds)
    {
        var bytes = new FileInfo(mbox).Length;
        var bare = new List<double>();
        var full = new List<double>();
        // Warm-up: tiered compilation keeps recompiling hot methods on a background thread for the first
        // seconds, and that CPU time lands on whichever side is running. One pass each left the first size's
        // MimeKit rate 20-30 % low (and its ratio high) on a 10,000-message mbox; three settle it.
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            ParseAll(mbox, analyze: false);
            ParseAll(mbox, analyze: true);
        }
        for (var round = 0; round < rounds; round++)
        {
            bare.Add(ParseAll(mbox, analyze: false));
            full.Add(ParseAll(mbox, analyze: true));
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var bareRate = Median(bare);
        var fullRate = Median(full);
        Console.WriteLine(
            $"messages={size} mbox={bytes / 1048576.0:F1}MiB rounds={rounds} " +
            $"mimekit-load={bareRate:F0}/cpu-s kakunin-load+analyze={fullRate:F0}/cpu-s ratio={fullRate / bareRate:F2} " +
            $"heap-after={heap / 1048576.0:F1}MiB peak-working-set={peak / 1048576.0:F1}MiB");
    }

    private static double ParseAll(string mbox, bool analyze)
    {
        using var stream = File.OpenRead(mbox);
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var count = 0;
        var recipients = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (!parser.IsEndOfStream)
        {
            // Disposed as a real consumer would: MimeKit's parts are finalizable otherwise.
            using var message = parser.ParseMessage();
            if (analyze)
            {
                var analysis = ReportAnalyzer.Analyze(message);
                recipients += analysis.Recipients.Count;
                if (readSmtpCommand)
                {
                    foreach (var outcome in analysis.Recipients)
                    {
                        recipients += outcome.SmtpCommand?.Length ?? 0;
                    }
                }
            }

            count++;
        }

        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        GC.KeepAlive(recipients);
        // Messages per CPU-second of this process (GC threads included): steadier than wall time on a
        // shared machine. Wall time is single-threaded here, so on an idle machine the two agree.
        return count / Math.Max(cpu.TotalSeconds, watch.Elapsed.TotalSeconds * 0.01);
    }

    private static string WriteMbox(List<byte[]> samples, int size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kakunin-bench-{Environment.ProcessId}-{size}.mbox");
        using var output = File.Create(path);
        for (var i = 0; i < size; i++)
        {
            output.Write("From MAILER-DAEMON Sun Nov 29 10:00:00 2026\n"u8);
            WriteEscaped(output, samples[i % samples.Count]);
            output.Write("\n"u8);
        }

        return path;
    }

    // mboxrd: a body line starting with "From " (after any '>') gets one more '>'.
    private static void WriteEscaped(Stream output, byte[] message)
    {
        var start = 0;
        while (start < message.Length)
        {
            var end = Array.IndexOf(message, (byte)'\n', start);
            var next = end < 0 ? message.Length : end + 1;
            var line = message.AsSpan(start, next - start);
            if (line.TrimStart((byte)'>').StartsWith("From "u8))
            {
                output.WriteByte((byte)'>');
            }

            output.Write(line);
            start = next;
        }

        if (message.Length > 0 && message[^1] != (byte)'\n')
        {
            output.WriteByte((byte)'\n');
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
