using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;

namespace Kakunin.Fuzz;

/// <summary>What one target's run found.</summary>
public sealed class FuzzStats(string target)
{
    public string Target { get; } = target;

    public long Iterations { get; set; }

    /// <summary>Broken invariants, by signature, with how often each was seen.</summary>
    public Dictionary<string, int> Failures { get; } = [];

    /// <summary>Exceptions, by signature (type and throwing method), with how often each was seen.</summary>
    public Dictionary<string, int> Crashes { get; } = [];

    public int Hangs { get; set; }

    public double SlowestMs { get; set; }

    public List<string> Reproducers { get; } = [];
}

/// <summary>
/// Runs one target for a while: generates cases with CsCheck from a seeded PCG, checks each on the thread pool with
/// a timeout (a hang), groups failures and crashes by signature, and writes a minimised reproducer for each new one.
/// </summary>
public sealed class FuzzRunner(string resultsDirectory, TimeSpan timeout)
{
    public FuzzStats Run(IFuzzTarget target, TimeSpan duration, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        var stats = new FuzzStats(target.Name);
        var pcg = new PCG((uint)(seed % 1_000_003), seed);
        var gen = target.Cases;
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(60);
        while (clock.Elapsed < duration)
        {
            var input = gen.Generate(pcg, null, out _);
            stats.Iterations++;
            var started = Stopwatch.GetTimestamp();
            var (signature, detail, hung) = Outcome(target, input);
            stats.SlowestMs = Math.Max(stats.SlowestMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (hung)
            {
                stats.Hangs++;
                stats.Reproducers.Add(Write(target, input, input, "hang", $"no result within {timeout.TotalSeconds} s"));
                break; // the stuck check still holds a thread; stop this target
            }

            if (signature is not null)
            {
                var crash = signature.StartsWith("exception ", StringComparison.Ordinal);
                var bucket = crash ? stats.Crashes : stats.Failures;
                if (bucket.TryGetValue(signature, out var seen))
                {
                    bucket[signature] = seen + 1;
                    continue;
                }

                bucket[signature] = 1;
                var minimal = new FuzzCase(Minimiser.Minimise(input.Data, d => Outcome(target, input with { Data = d }).Signature == signature), input.Variant);
                var (_, minimalDetail, _) = Outcome(target, minimal);
                stats.Reproducers.Add(Write(target, input, minimal, signature, minimalDetail ?? detail));
                Console.Error.WriteLine($"[{target.Name}] new {(crash ? "crash" : "failure")}: {signature}");
            }

            if (clock.Elapsed > nextReport)
            {
                Console.Error.WriteLine($"[{target.Name}] {clock.Elapsed:mm\\:ss} {stats.Iterations} iterations, {stats.Failures.Count} failures, {stats.Crashes.Count} crashes");
                nextReport += TimeSpan.FromSeconds(60);
            }
        }

        return stats;
    }

    // (signature, detail, hung): signature null when the case passed.
    private (string? Signature, string? Detail, bool Hung) Outcome(IFuzzTarget target, FuzzCase input)
    {
        var task = Task.Run(() => target.Check(input));
        try
        {
            if (!task.Wait(timeout))
            {
                return ("hang", null, true);
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            var ex = e.InnerException!;
            return ($"exception {ex.GetType().FullName} at {Origin(ex)}", ex.ToString(), false);
        }

        var verdict = task.Result;
        if (verdict.Failure is null)
        {
            return (null, null, false);
        }

        // "kind | specifics": group by the kind only.
        var bar = verdict.Failure.IndexOf(" | ", StringComparison.Ordinal);
        return (bar < 0 ? verdict.Failure : verdict.Failure[..bar], verdict.Failure + Environment.NewLine + verdict.Detail, false);
    }

    // The innermost Kakunin frame that threw, so one bug is one signature.
    private static string Origin(Exception ex)
    {
        var frames = new StackTrace(ex, false).GetFrames();
        var own = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.FullName?.StartsWith("Kakunin.", StringComparison.Ordinal) == true
            && f.GetMethod()?.DeclaringType?.FullName?.StartsWith("Kakunin.Fuzz", StringComparison.Ordinal) != true);
        var method = (own ?? frames.FirstOrDefault())?.GetMethod();
        return method is null ? "?" : $"{method.DeclaringType?.FullName}.{method.Name}";
    }

    private string Write(IFuzzTarget target, FuzzCase original, FuzzCase minimal, string signature, string? detail)
    {
        Directory.CreateDirectory(resultsDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture);
        var basePath = Path.Combine(resultsDirectory, $"{target.Name}-{stamp}");
        File.WriteAllBytes(basePath + ".bin", minimal.Data);
        File.WriteAllBytes(basePath + ".original.bin", original.Data);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"target: {target.Name}")
            .AppendLine(CultureInfo.InvariantCulture, $"signature: {signature}")
            .AppendLine(CultureInfo.InvariantCulture, $"{target.Describe(minimal)}")
            .AppendLine(CultureInfo.InvariantCulture, $"minimal input ({minimal.Data.Length} bytes, {basePath}.bin), escaped:")
            .AppendLine(Escape(minimal.Data))
            .AppendLine(CultureInfo.InvariantCulture, $"replay: dotnet run -c Release --project bench/Kakunin.Fuzz -- --replay {basePath}.bin --target {target.Name} --variant {minimal.Variant}")
            .AppendLine()
            .AppendLine(detail);
        File.WriteAllText(basePath + ".txt", text.ToString());
        return basePath + ".txt";
    }

    /// <summary>The bytes as a C# string literal body: printable ASCII as is, the rest escaped.</summary>
    public static string Escape(byte[] data)
    {
        var sb = new StringBuilder();
        foreach (var b in data.Take(4000))
        {
            _ = b switch
            {
                (byte)'\r' => sb.Append("\\r"),
                (byte)'\n' => sb.Append("\\n"),
                (byte)'\\' => sb.Append("\\\\"),
                (byte)'"' => sb.Append("\\\""),
                >= 0x20 and < 0x7F => sb.Append((char)b),
                _ => sb.Append(CultureInfo.InvariantCulture, $"\\u{b:X4}"),
            };
        }

        return data.Length > 4000 ? sb.Append('…').ToString() : sb.ToString();
    }
}
