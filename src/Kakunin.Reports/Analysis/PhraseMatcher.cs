namespace Kakunin.Reports.Analysis;

/// <summary>
/// Finds which of many phrases occur in a text in one pass (an Aho–Corasick automaton over
/// ASCII-lowercased characters), and returns the lowest rank among those found. Hand-written because
/// the phrase tables are ranked (first row wins) and .NET's SearchValues&lt;string&gt; tells where a
/// phrase starts but not which one, nor the best-ranked one; one pass replaces hundreds of
/// IndexOf calls over the same text (docs/benchmarks.md §5). Several tables can share one automaton as
/// channels (<see cref="BestRanks"/>): one pass then answers for all of them.
/// </summary>
/// <remarks>
/// The automaton is compiled to a dense transition table (every state × every character class that occurs in a
/// phrase, failure links already followed), so the scan is one array read per character of text; characters no
/// phrase holds all share class 0, which leads back to the start. A dictionary per state, followed by failure
/// links at scan time, cost several times more and this runs on every line of every report.
/// </remarks>
internal sealed class PhraseMatcher
{
    // Character (folded) → class; 0 for a character in no phrase.
    private readonly byte[] _asciiClass = new byte[128];
    private readonly Dictionary<char, int> _otherClass = [];
    private readonly int _classes;
    private readonly int _channels;
    // Lowest rank per channel of any phrase ending at the state (its own or a suffix's), at state × channels +
    // channel; int.MaxValue for none.
    private readonly int[] _best;

    // The transitions, indexed by state × classes + class: the next state's number, with EndsBit set when a phrase
    // ends there, so the usual step needs no second read. The chain of states is the scan's critical path, and with
    // the reason tables (about 600 phrases and codes, 50 classes) an int table was over 1 MB, past the core's L2
    // cache: 16-bit entries halve it, and the states are numbered breadth-first so the shallow ones, where a scan
    // spends most of its steps, share cache lines (docs/benchmarks.md §5, fifth pass).
    private readonly ushort[] _scan;

    private const int EndsBit = 0x8000;

    // ASCII character (not yet folded) → class: the fold and the class in one read.
    private readonly byte[] _rawClass;

    /// <param name="phrases">Each phrase (matched case-insensitively for ASCII) with its rank; lower wins.</param>
    public PhraseMatcher(IEnumerable<(string Phrase, int Rank)> phrases)
        : this(phrases.Select(p => (p.Phrase, 0, p.Rank)), channels: 1)
    {
    }

    /// <param name="phrases">Each phrase with the channel (table) it belongs to and its rank in that channel.</param>
    /// <param name="channels">How many channels; <see cref="BestRanks"/> gives the lowest rank found in each.</param>
    public PhraseMatcher(IEnumerable<(string Phrase, int Channel, int Rank)> phrases, int channels)
    {
        var list = phrases.ToList();
        _channels = channels;
        var classes = 1;
        foreach (var (phrase, _, _) in list)
        {
            foreach (var raw in phrase)
            {
                var c = Fold(raw);
                if (ClassOf(c) == 0)
                {
                    if (c < 128)
                    {
                        _asciiClass[c] = checked((byte)classes++);
                    }
                    else
                    {
                        _otherClass[c] = classes++;
                    }
                }
            }
        }

        _classes = classes;

        // The trie, one dictionary per state while building.
        var next = new List<Dictionary<int, int>> { new() };
        var best = new List<int>(Enumerable.Repeat(int.MaxValue, channels));
        foreach (var (phrase, channel, rank) in list)
        {
            var state = 0;
            foreach (var raw in phrase)
            {
                var c = ClassOf(Fold(raw));
                if (!next[state].TryGetValue(c, out var to))
                {
                    to = next.Count;
                    next.Add([]);
                    best.AddRange(Enumerable.Repeat(int.MaxValue, channels));
                    next[state][c] = to;
                }

                state = to;
            }

            best[state * channels + channel] = Math.Min(best[state * channels + channel], rank);
        }

        // Breadth-first, so a state's failure target (shallower) is complete before the state: every missing
        // transition is the failure target's transition, and the best rank includes the failure target's.
        // delta[state * classes + class] = next state.
        var delta = new int[next.Count * classes];
        _best = [.. best];
        var fail = new int[next.Count];
        var queue = new Queue<int>();
        foreach (var (c, to) in next[0])
        {
            delta[c] = to;
            queue.Enqueue(to);
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            var f = fail[state];
            for (var ch = 0; ch < channels; ch++)
            {
                _best[state * channels + ch] = Math.Min(_best[state * channels + ch], _best[f * channels + ch]);
            }

            for (var c = 0; c < classes; c++)
            {
                if (c != 0 && next[state].TryGetValue(c, out var to))
                {
                    delta[state * classes + c] = to;
                    fail[to] = delta[f * classes + c];
                    queue.Enqueue(to);
                }
                else
                {
                    delta[state * classes + c] = delta[f * classes + c];
                }
            }
        }

        (_scan, _best) = BuildScanTable(next, delta, _best);
        _rawClass = [.. Enumerable.Range(0, 128).Select(c => _asciiClass[Fold((char)c)])];
    }

    /// <summary>The lowest rank of any phrase that occurs in the text, or null when none does (channel 0).</summary>
    public int? BestRank(ReadOnlySpan<char> text)
    {
        if (_channels != 1)
        {
            Span<int> ranks = stackalloc int[_channels];
            BestRanks(text, ranks);
            return ranks[0] == int.MaxValue ? null : ranks[0];
        }

        var scan = _scan;
        var rawClass = _rawClass;
        var bestOf = _best;
        var classes = _classes;
        var state = 0;
        var best = int.MaxValue;
        foreach (var raw in text)
        {
            int next = scan[state * classes + (raw < 128 ? rawClass[raw] : ClassOf(raw))];
            if (next >= EndsBit)
            {
                // A state where a phrase ends (rare): its rank.
                next &= ~EndsBit;
                best = Math.Min(best, bestOf[next]);
            }

            state = next;
        }

        return best == int.MaxValue ? null : best;
    }

    /// <summary>
    /// The lowest rank found in each channel (<paramref name="ranks"/>, one per channel; int.MaxValue where no phrase
    /// of the channel occurs), in one pass over the text.
    /// </summary>
    public void BestRanks(ReadOnlySpan<char> text, Span<int> ranks)
    {
        var scan = _scan;
        var rawClass = _rawClass;
        var bestOf = _best;
        var classes = _classes;
        var channels = _channels;
        ranks = ranks[..channels];
        ranks.Fill(int.MaxValue);
        var state = 0;
        foreach (var raw in text)
        {
            int next = scan[state * classes + (raw < 128 ? rawClass[raw] : ClassOf(raw))];
            if (next >= EndsBit)
            {
                // A state where a phrase of some channel ends (rare): each channel's rank.
                next &= ~EndsBit;
                var at = next * channels;
                for (var ch = 0; ch < ranks.Length; ch++)
                {
                    ranks[ch] = Math.Min(ranks[ch], bestOf[at + ch]);
                }
            }

            state = next;
        }
    }

    // The scan table and the best ranks with the states renumbered breadth-first over the trie (the same automaton:
    // every transition and rank is carried over to the new numbers).
    private (ushort[] Scan, int[] Best) BuildScanTable(List<Dictionary<int, int>> trie, int[] delta, int[] best)
    {
        var states = trie.Count;
        if (states >= EndsBit)
        {
            throw new InvalidOperationException($"{states} states do not fit the 15-bit scan table.");
        }

        var order = new int[states];
        var number = new int[states];
        var count = 1;
        for (var i = 0; i < count; i++)
        {
            foreach (var (_, child) in trie[order[i]].OrderBy(edge => edge.Key))
            {
                number[child] = count;
                order[count++] = child;
            }
        }

        var scan = new ushort[states * _classes];
        var renumbered = new int[states * _channels];
        for (var state = 0; state < states; state++)
        {
            var old = order[state];
            Array.Copy(best, old * _channels, renumbered, state * _channels, _channels);
            for (var c = 0; c < _classes; c++)
            {
                var to = delta[old * _classes + c];
                var ends = false;
                for (var ch = 0; ch < _channels; ch++)
                {
                    ends |= best[to * _channels + ch] != int.MaxValue;
                }

                scan[state * _classes + c] = (ushort)(ends ? number[to] | EndsBit : number[to]);
            }
        }

        return (scan, renumbered);
    }

    private int ClassOf(char c) => c < 128 ? _asciiClass[c] : _otherClass.Count > 0 && _otherClass.TryGetValue(c, out var k) ? k : 0;

    // ASCII case folding only: the phrases are ASCII, and a culture-free fold keeps the scan cheap.
    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
}
