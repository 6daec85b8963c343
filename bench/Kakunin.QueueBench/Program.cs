using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kakunin.Queue;
using Kakunin.Smtp.Client;
using Kakunin.Store;
using Kakunin.Store.Tests.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// The queue shared by 1, 2 and 3 nodes on one PostgreSQL (docs/postgresql.md, "How it scales"). Each node is a store
// (its own connections and writer) and a QueueRunner with a transport that accepts at once, in this one process, as
// `kakunin serve` nodes would be, on a private cluster (initdb + pg_ctl, loopback). What is measured is the queue's own
// work per message on PostgreSQL: claim (a lease), read the bytes, settle (fenced) and commit. It asserts nothing.
const string Usage = "usage: dotnet run -c Release --project bench/Kakunin.QueueBench -- [--messages N] [--nodes 1,2,3] [--rounds R]";
var messages = 2000;
int[] nodeCounts = [1, 2, 3];
var rounds = 2;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--messages": messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--nodes": nodeCounts = [.. args[i + 1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]; break;
        case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine(Usage); return 2;
    }
}

await using var cluster = await PostgresCluster.StartAsync();
Console.WriteLine($"{Environment.ProcessorCount} cores; {messages} messages of 1 KB, one remote recipient each, 50 destinations; transport accepts at once");
Console.WriteLine();
Console.WriteLine("| round | nodes | wall s | delivered/s | runner CPU ms/msg | PostgreSQL CPU ms/msg | load (1 min) |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
// Alternating order (1,2,3 then 3,2,1 …): the machine's load drifts, so each count sees early and late runs.
for (var round = 1; round <= rounds; round++)
{
    foreach (var nodes in round % 2 == 1 ? nodeCounts : [.. nodeCounts.Reverse()])
    {
        var r = await RunAsync(cluster, nodes, messages);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {round} | {nodes} | {r.Wall.TotalSeconds:F1} | {messages / r.Wall.TotalSeconds:F0} | {r.RunnerCpu.TotalMilliseconds / messages:F2} | {r.PostgresCpu.TotalMilliseconds / messages:F2} | {LoadAverage()} |"));
    }
}

return 0;

static async Task<(TimeSpan Wall, TimeSpan RunnerCpu, TimeSpan PostgresCpu)> RunAsync(PostgresCluster cluster, int nodeCount, int messages)
{
    var database = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync("b" + Guid.NewGuid().ToString("N"))) { Pooling = true }.ToString();
    var options = new QueueOptions { HostName = "mx.bench.test" };
    var stores = new List<KakuninStore>();
    var folders = new List<string>();
    try
    {
        for (var i = 0; i < nodeCount; i++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "kakunin-qbench-" + Guid.NewGuid().ToString("N"));
            folders.Add(folder);
            stores.Add(await KakuninStore.OpenAsync(folder, new StoreOptions { ConnectionString = database }));
        }

        await SeedAsync(stores[0], messages);
        var runners = stores.Select(s => new QueueRunner(s, new AcceptingTransport(), options, TimeProvider.System, new QueueMetrics(), NullLogger<QueueRunner>.Instance)).ToList();
        var postgresBefore = PostgresCpu(cluster);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(runners.Select(async runner =>
        {
            while (await runner.RunOnceAsync(DateTimeOffset.UtcNow, default) > 0)
            {
            }
        }));
        // A node that found nothing left may stop while another still settles: wait for the queue to be empty.
        while (await stores[0].Queue.CountOpenRecipientsAsync(default) > 0)
        {
            await Task.Delay(10);
        }

        clock.Stop();
        var runnerCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var postgresCpu = PostgresCpu(cluster) - postgresBefore;
        foreach (var runner in runners)
        {
            runner.Dispose();
        }

        return (clock.Elapsed, runnerCpu, postgresCpu);
    }
    finally
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

static async Task SeedAsync(KakuninStore store, int messages)
{
    var body = new string('x', 1024 - 120);
    var now = DateTimeOffset.UtcNow.AddSeconds(-1);
    // 32 at a time: the writer commits them together.
    for (var start = 0; start < messages; start += 32)
    {
        await Task.WhenAll(Enumerable.Range(start, Math.Min(32, messages - start)).Select(i =>
        {
            var content = Encoding.ASCII.GetBytes($"From: a@bench.test\r\nTo: r{i}@d{i % 50}.test\r\nSubject: m{i}\r\n\r\n{body}\r\n");
            return store.Queue.EnqueueAsync(new NewQueueMessage($"B{i:D6}", "a@bench.test", [new($"r{i}@d{i % 50}.test")], content, now, MayBeReport: false), default);
        }));
    }
}

// User + system time of the cluster's postmaster and every backend it started (children in /proc), in clock ticks.
static TimeSpan PostgresCpu(PostgresCluster cluster)
{
    var postmaster = int.Parse(File.ReadLines(Path.Combine(cluster.DataFolder, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
    long ticks = 0;
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid))
        {
            continue;
        }

        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                // utime, stime, cutime, cstime (fields 14-17 of stat; here 11-14 after pid and comm)
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                       + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
    }

    return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

/// <summary>A next hop that takes every recipient at once and offers DSN (so no success DSN is owed).</summary>
internal sealed class AcceptingTransport : IOutboundTransport
{
    public Task<IReadOnlyList<RecipientDeliveryResult>> SendAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecipientDeliveryResult>>([.. message.Recipients.Select(r => new RecipientDeliveryResult(r.Address, RecipientOutcomeKind.Accepted, null, null, "mx.bench.test", RemoteOffersDsn: true))]);
}
