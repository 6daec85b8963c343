using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using Kakunin.Imap.Protocol;
using Kakunin.Imap.Server;
using Kakunin.ImapSessionBench;

// The session's hot paths with an in-memory backend that answers at once: what the IMAP benchmark against Dovecot
// will hit (FETCH of 10,000 headers or envelopes, UID SEARCH SUBJECT over 100,000 messages, a STORE burst).
// Usage: dotnet run -c Release --project bench/Kakunin.ImapSessionBench [rounds]
var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;

await RunAsync("UID FETCH 1:10000 (BODY.PEEK[HEADER] FLAGS)", 10_000, ["x UID FETCH 1:10000 (BODY.PEEK[HEADER] FLAGS)"]);
await RunAsync("UID FETCH 1:10000 (ENVELOPE FLAGS)", 10_000, ["x UID FETCH 1:10000 (ENVELOPE FLAGS)"]);
await RunAsync("UID FETCH 1:10000 (UID FLAGS BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (From Subject Date)])", 10_000,
    ["x UID FETCH 1:10000 (UID FLAGS BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (From Subject Date)])"]);
await RunAsync("UID FETCH 1:10000 (FLAGS) after CONDSTORE", 10_000, ["x UID FETCH 1:10000 (FLAGS MODSEQ)"]);
await RunAsync("UID SEARCH SUBJECT holiday over 100,000", 100_000, ["x UID SEARCH SUBJECT holiday"]);
await RunAsync("1,000 x UID STORE n +FLAGS (\\Flagged)", 10_000, [.. Enumerable.Range(1, 1000).Select(n => $"s{n} UID STORE {n} +FLAGS (\\Flagged)")]);

async Task RunAsync(string name, int messages, string[] commands)
{
    var backend = new BenchBackend(messages);
    var times = new List<double>();
    long bytes = 0;
    long allocated = 0;
    for (var round = 0; round <= rounds; round++)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var draining = Task.Run(async () =>
        {
            long total = 0;
            while (true)
            {
                var read = await pipe.Reader.ReadAsync();
                total += read.Buffer.Length;
                pipe.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return total;
                }
            }
        });
        using var session = new ImapSession(new ImapServerOptions { AllowInsecureAuth = true }, backend, null, isTls: true, tlsPossible: false, "B", null);
        await session.ExecuteAsync(new ImapCommandBuffer("a LOGIN alice secret"u8.ToArray()), pipe.Writer, default);
        await session.ExecuteAsync(new ImapCommandBuffer("b SELECT INBOX"u8.ToArray()), pipe.Writer, default);
        await pipe.Writer.FlushAsync();
        var buffers = commands.Select(c => new ImapCommandBuffer(Encoding.ASCII.GetBytes(c))).ToArray();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        foreach (var command in buffers)
        {
            await session.ExecuteAsync(command, pipe.Writer, default);
        }

        await pipe.Writer.FlushAsync();
        watch.Stop();
        var after = GC.GetTotalAllocatedBytes(precise: true);
        await pipe.Writer.CompleteAsync();
        var total = await draining;
        if (round > 0)
        {
            // Round 0 warms the JIT and is not counted.
            times.Add(watch.Elapsed.TotalMilliseconds);
            bytes = total;
            allocated = after - before;
        }
    }

    times.Sort();
    Console.WriteLine($"{name,-95} median {times[times.Count / 2],8:F1} ms  min {times[0],8:F1} ms  allocated {allocated / 1024.0 / 1024.0,8:F1} MiB  output {bytes / 1024.0 / 1024.0,6:F1} MiB");
}
