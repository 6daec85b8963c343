namespace Kakunin.Fuzz;

/// <summary>
/// Shrinks a failing input while it still fails the same way (delta debugging, Zeller's ddmin, simplified):
/// removes ever smaller chunks, then tries to replace bytes by 'a'. Bounded by a number of attempts.
/// </summary>
public static class Minimiser
{
    /// <param name="data">The failing input.</param>
    /// <param name="stillFails">True when the candidate fails with the same signature.</param>
    /// <param name="maxAttempts">How many candidates to try at most.</param>
    public static byte[] Minimise(byte[] data, Func<byte[], bool> stillFails, int maxAttempts = 4000)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stillFails);
        var best = data;
        var attempts = 0;
        for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1 && attempts < maxAttempts; chunk /= 2)
        {
            var removed = true;
            while (removed && attempts < maxAttempts)
            {
                removed = false;
                for (var start = 0; start < best.Length && attempts < maxAttempts; start += chunk)
                {
                    var candidate = new byte[best.Length - Math.Min(chunk, best.Length - start)];
                    best.AsSpan(0, start).CopyTo(candidate);
                    best.AsSpan(Math.Min(best.Length, start + chunk)).CopyTo(candidate.AsSpan(start));
                    attempts++;
                    if (stillFails(candidate))
                    {
                        best = candidate;
                        removed = true;
                        start -= chunk;
                    }
                }
            }
        }

        // Simplify what is left: bytes that do not matter become 'a', so the reproducer reads better.
        for (var i = 0; i < best.Length && attempts < maxAttempts; i++)
        {
            if (best[i] == (byte)'a')
            {
                continue;
            }

            var candidate = (byte[])best.Clone();
            candidate[i] = (byte)'a';
            attempts++;
            if (stillFails(candidate))
            {
                best = candidate;
            }
        }

        return best;
    }
}
