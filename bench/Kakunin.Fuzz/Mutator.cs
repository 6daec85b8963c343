using CsCheck;

namespace Kakunin.Fuzz;

/// <summary>
/// Byte-level mutation of seed inputs, in the style of AFL's havoc stage: the mutations are CsCheck-generated data
/// (kind, position, length, payload), applied in order, so a case is reproducible from its seed.
/// </summary>
public static class Mutator
{
    private static readonly byte[] Interesting = [0, (byte)'\r', (byte)'\n', (byte)'.', (byte)' ', (byte)':', (byte)'<', (byte)'>', (byte)'=', (byte)'+', 0x7F, 0x80, 0xC3, 0xFF];

    private sealed record Mutation(int Kind, int Position, int Length, byte[] Payload, int Pick);

    private static readonly Gen<Mutation> OneMutation =
        Gen.Select(Gen.Int[0, 8], Gen.Int[0, int.MaxValue], Gen.Int[0, 80], Gen.Byte.Array[1, 16], Gen.Int[0, int.MaxValue])
            .Select((kind, position, length, payload, pick) => new Mutation(kind, position, length, payload, pick));

    /// <summary>A seed with 1–8 mutations; tokens from <paramref name="dictionary"/> are spliced in as wholes.</summary>
    public static Gen<byte[]> Mutated(IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> dictionary, int maxLength) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], OneMutation.Array[1, 8])
            .Select((seed, mutations) => Apply(seeds, dictionary, seeds[seed], mutations, maxLength));

    private static byte[] Apply(IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> dictionary, byte[] seed, Mutation[] mutations, int maxLength)
    {
        var data = new List<byte>(seed);
        foreach (var m in mutations)
        {
            var at = data.Count == 0 ? 0 : m.Position % (data.Count + 1);
            var length = Math.Min(m.Length, data.Count - Math.Min(at, data.Count));
            switch (m.Kind)
            {
                case 0 when at < data.Count:
                    data[at] ^= m.Payload[0];
                    break;
                case 1:
                    data.InsertRange(at, m.Payload);
                    break;
                case 2:
                    data.RemoveRange(at, length);
                    break;
                case 3:
                    data.InsertRange(at, data.GetRange(at, length));
                    break;
                case 4 when dictionary.Count > 0:
                    data.InsertRange(at, dictionary[m.Pick % dictionary.Count]);
                    break;
                case 5 when at < data.Count:
                    data[at] = Interesting[m.Pick % Interesting.Length];
                    break;
                case 6:
                    var other = seeds[m.Pick % seeds.Count];
                    var from = other.Length == 0 ? 0 : m.Position % other.Length;
                    data.InsertRange(at, other.Skip(from).Take(m.Length * 8));
                    break;
                case 7 when dictionary.Count > 0:
                    // Repeat a token many times (1,000 RCPTs, long runs of dots or CRs).
                    var token = dictionary[m.Pick % dictionary.Count];
                    for (var i = 0; i < 1 + (m.Length * 13); i++)
                    {
                        data.InsertRange(Math.Min(at, data.Count), token);
                    }

                    break;
                case 8 when at < data.Count:
                    data.RemoveRange(at, data.Count - at); // truncate: input ends mid-command or mid-message
                    break;
            }

            if (data.Count > maxLength)
            {
                data.RemoveRange(maxLength, data.Count - maxLength);
            }
        }

        return [.. data];
    }
}
