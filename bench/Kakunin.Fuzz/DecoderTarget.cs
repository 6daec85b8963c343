using System.Text;
using CsCheck;
using Kakunin.Smtp.Server;

namespace Kakunin.Fuzz;

/// <summary>
/// <see cref="SmtpDataDecoder"/>: fed at once, byte by byte and in chunks of a variant-chosen size, it must end at
/// the same place with the same bytes and status (its own promise), never throw, and keep at most the size limit.
/// </summary>
internal sealed class DecoderTarget : IFuzzTarget
{
    private static readonly string[] SeedTexts =
    [
        "Subject: x\r\n\r\nbody\r\n.\r\n", "..leading dot\r\n...\r\n.\r\nQUIT\r\n", ".\r\n", "\r\n.\r\n", "a\n.\nb\r\n.\r\n",
        "a\r.\r\nb\r\n.\r\n", "a\n.\r\nb\r\n.\r\n", "x\r\n.\rMAIL FROM:<a@b>\r\n.\r\n", "\0\u00ff\r\n.\r\n", "no end at all\r\n",
        "line\r\n.. \r\n.\r\n",
    ];

    private static readonly string[] Tokens = ["\r\n", "\r", "\n", ".", "\r\n.\r\n", "\r\n..", "\n.\n", "\r.\r", "\0", "\u00ff"];

    public string Name => "decoder";

    public Gen<FuzzCase> Cases
    {
        get
        {
            var seeds = SeedTexts.Select(Encoding.UTF8.GetBytes).ToArray();
            var dictionary = Tokens.Select(Encoding.UTF8.GetBytes).ToArray();
            var random = Gen.Byte[0, 255].Array[0, 200];
            var alphabet = Gen.OneOf("\r"u8.ToArray()[0], (byte)'\n', (byte)'.', (byte)'a', (byte)0, (byte)0xFF).Array[0, 300];
            var data = Gen.Frequency((5, Mutator.Mutated(seeds, dictionary, 64 * 1024)), (1, random), (3, alphabet));
            return Gen.Select(data, Gen.Int[0, int.MaxValue]).Select((d, v) => new FuzzCase(d, v));
        }
    }

    public string Describe(FuzzCase input) => $"variant {input.Variant}: limit {Limit(input.Variant)}, chunk {Chunk(input.Variant)}";

    private static long Limit(int v) => (v & 3) switch { 0 => 0, 1 => 7, 2 => 100, _ => 35L * 1024 * 1024 };

    private static int Chunk(int v) => 2 + ((v >> 2) % 97);

    public FuzzVerdict Check(FuzzCase input)
    {
        var limit = Limit(input.Variant);
        var whole = Run(input.Data, Math.Max(1, input.Data.Length), limit);
        var single = Run(input.Data, 1, limit);
        var chunked = Run(input.Data, Chunk(input.Variant), limit);
        foreach (var (other, how) in new[] { (single, "byte by byte"), (chunked, "in chunks") })
        {
            if (other.End != whole.End || other.Consumed != whole.Consumed)
            {
                return new FuzzVerdict($"end differs when fed {how}", $"{whole.End}/{whole.Consumed} vs {other.End}/{other.Consumed}");
            }

            if (other.Status != whole.Status)
            {
                return new FuzzVerdict($"status differs when fed {how}", $"{whole.Status} vs {other.Status}");
            }

            if (!other.Output.SequenceEqual(whole.Output))
            {
                return new FuzzVerdict($"bytes differ when fed {how}");
            }
        }

        // The size limit (RFC 1870): never more than the limit kept; the count covers every octet.
        var kept = whole.Output.Length;
        return kept > limit ? new FuzzVerdict("kept more than the limit")
            : whole.Status.TooBig != (whole.Status.ContentLength > limit) ? new FuzzVerdict("TooBig disagrees with the length")
            : !whole.Status.TooBig && kept != whole.Status.ContentLength ? new FuzzVerdict("length differs from the bytes kept")
            : whole.Status.ContentLength > input.Data.Length ? new FuzzVerdict("more octets counted than received")
            : FuzzVerdict.Pass;
    }

    private static (bool End, long Consumed, SmtpDataStatus Status, byte[] Output) Run(byte[] data, int chunk, long limit)
    {
        using var output = new MemoryStream();
        var decoder = new SmtpDataDecoder(output, limit);
        long consumedTotal = 0;
        var end = false;
        for (var at = 0; at < data.Length && !end; at += chunk)
        {
            var piece = data.AsSpan(at, Math.Min(chunk, data.Length - at));
            end = decoder.Feed(piece, out var consumed);
            consumedTotal += consumed;
            if (!end && consumed != piece.Length)
            {
                throw new InvalidOperationException("Feed consumed less than it was given without ending.");
            }
        }

        return (end, consumedTotal, decoder.Status, output.ToArray());
    }
}
