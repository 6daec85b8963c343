using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kakunin.Authentication.Dkim;

namespace Kakunin.Bench;

/// <summary>
/// The cost of DKIM signing on the way out, as the queue pays it (<see cref="DkimMessageSigner.Sign"/> on stored
/// bytes: parse, canonicalize and hash, sign, prepend): messages per CPU-second of one thread for 1 KB and 32 KB
/// messages, unsigned (the bytes go out as stored: no work) against rsa-sha256 2048, ed25519-sha256 and both
/// (what Kakunin sends). Median of several rounds; CPU time, so other work on the machine does not skew it.
/// </summary>
internal static class DkimCommand
{
    /// <summary><c>dkim [messages] [rounds]</c>; defaults 2,000 and 5.</summary>
    public static int Run(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var rsa = DkimSigningKey.FromPem("example.test", "r1", DkimAlgorithms.RsaSha256, DkimKeyMaterial.Generate(DkimAlgorithms.RsaSha256));
        var ed = DkimSigningKey.FromPem("example.test", "e1", DkimAlgorithms.Ed25519Sha256, DkimKeyMaterial.Generate(DkimAlgorithms.Ed25519Sha256));
        var variants = new (string Name, DkimSigningKey[] Keys)[]
        {
            ("unsigned", []),
            ("rsa-sha256 (2048)", [rsa]),
            ("ed25519-sha256", [ed]),
            ("both (Kakunin's default)", [rsa, ed]),
        };

        Console.WriteLine($"{messages} messages per round, median of {rounds} rounds, one thread, rate per CPU-second");
        Console.WriteLine("| size | variant | messages/s | µs per message |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var size in new[] { 1024, 32 * 1024 })
        {
            var message = Message(size);
            foreach (var (name, keys) in variants)
            {
                Measure(message, keys, 50); // warm-up
                var rates = Enumerable.Range(0, rounds).Select(_ => Measure(message, keys, messages)).Order().ToList();
                var rate = rates[rates.Count / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size / 1024} KB | {name} | {(double.IsInfinity(rate) ? "—" : rate.ToString("N0", CultureInfo.InvariantCulture))} | {(double.IsInfinity(rate) ? "0" : (1e6 / rate).ToString("N1", CultureInfo.InvariantCulture))} |"));
            }
        }

        return 0;
    }

    private static double Measure(byte[] message, DkimSigningKey[] keys, int count)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var length = 0L;
        for (var i = 0; i < count; i++)
        {
            length += DkimMessageSigner.Sign(message, keys).Length;
        }

        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        GC.KeepAlive(length);
        return seconds <= 0 ? double.PositiveInfinity : count / seconds;
    }

    /// <summary>A plain-text message of about <paramref name="size"/> bytes, the shape of ordinary user mail.</summary>
    private static byte[] Message(int size)
    {
        var text = new StringBuilder(
            "From: Alice <alice@example.test>\r\nTo: Carol <carol@peer.test>\r\nSubject: Quarterly figures\r\n" +
            "Date: Sat, 05 Dec 2026 10:00:00 +0900\r\nMessage-ID: <bench@example.test>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
        while (text.Length < size)
        {
            text.Append("The figures for the quarter are attached below; please confirm receipt.\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
