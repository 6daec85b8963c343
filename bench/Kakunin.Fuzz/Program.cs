using System.Globalization;
using Kakunin.Fuzz;

// Kakunin.Fuzz --minutes N [--target NAME[,NAME…]] [--seed S] [--timeout-seconds T]
// Kakunin.Fuzz --replay FILE --target NAME [--variant V]
// Runs the targets one after another, N minutes in all (split evenly), and prints one Markdown row per target.
// Exit status: 0 when nothing was found, 1 on any crash, hang or broken invariant, 2 on bad arguments.
IFuzzTarget[] all = [new SessionTarget(), new DecoderTarget(), new ProtocolTarget(), new ReportsTarget()];
var minutes = 1.0;
var names = new List<string>();
var seed = (ulong)DateTime.UtcNow.Ticks;
var timeoutSeconds = 10.0;
string? replay = null;
var variant = 0;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--minutes" when value is not null: minutes = double.Parse(value, CultureInfo.InvariantCulture); i++; break;
        case "--target" when value is not null: names.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries)); i++; break;
        case "--seed" when value is not null: seed = ulong.Parse(value, CultureInfo.InvariantCulture); i++; break;
        case "--timeout-seconds" when value is not null: timeoutSeconds = double.Parse(value, CultureInfo.InvariantCulture); i++; break;
        case "--replay" when value is not null: replay = value; i++; break;
        case "--variant" when value is not null: variant = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
        default:
            Console.Error.WriteLine($"usage: Kakunin.Fuzz --minutes N [--target {string.Join('|', all.Select(t => t.Name))}] [--seed S] [--timeout-seconds T]");
            Console.Error.WriteLine("       Kakunin.Fuzz --replay FILE --target NAME [--variant V]");
            return 2;
    }
}

var unknown = names.Where(n => all.All(t => t.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown target(s): {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(t => t.Name))}");
    return 2;
}

var targets = names.Count == 0 ? all : [.. all.Where(t => names.Contains(t.Name))];
if (replay is not null)
{
    var verdict = targets[0].Check(new FuzzCase(File.ReadAllBytes(replay), variant));
    Console.WriteLine(verdict.Failure is null ? "pass" : $"failure: {verdict.Failure}\n{verdict.Detail}");
    return verdict.Failure is null ? 0 : 1;
}

var results = Path.Combine(Seeds.RepositoryRoot, "bench", "results", "fuzz");
var runner = new FuzzRunner(results, TimeSpan.FromSeconds(timeoutSeconds));
var share = TimeSpan.FromMinutes(minutes / targets.Length);
Console.Error.WriteLine($"seed {seed}, {share.TotalMinutes:0.##} min per target, timeout {timeoutSeconds} s per input, reproducers in {results}");
var stats = new List<FuzzStats>();
foreach (var target in targets)
{
    Console.Error.WriteLine($"[{target.Name}] start");
    stats.Add(runner.Run(target, share, seed));
}

Console.WriteLine($"Fuzz run: seed {seed}, {minutes:0.##} min, timeout {timeoutSeconds} s per input");
Console.WriteLine();
Console.WriteLine("| target | minutes | iterations | distinct failures (count) | distinct crashes (count) | hangs | slowest input ms |");
Console.WriteLine("|---|---:|---:|---|---|---:|---:|");
foreach (var s in stats)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {s.Target} | {share.TotalMinutes:0.##} | {s.Iterations} | {s.Failures.Count} ({s.Failures.Values.Sum()}) | {s.Crashes.Count} ({s.Crashes.Values.Sum()}) | {s.Hangs} | {s.SlowestMs:0} |"));
}

foreach (var s in stats)
{
    foreach (var (signature, count) in s.Failures.Concat(s.Crashes))
    {
        Console.WriteLine($"- {s.Target}: {signature} ×{count}");
    }

    foreach (var file in s.Reproducers)
    {
        Console.WriteLine($"  reproducer: {file}");
    }
}

var found = stats.Any(s => s.Crashes.Count > 0 || s.Hangs > 0 || s.Failures.Count > 0);
return found ? 1 : 0;
