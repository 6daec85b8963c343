namespace Kakunin.Reports.Analysis;

/// <summary>
/// Finds which of many phrases occur in a text in one pass (an Aho–Corasick automaton over
/// ASCII-lowercased characters), and returns the lowest rank among those found. Hand-written because
/// the phrase tables are ranked (first row wins) and .NET's SearchValues&lt;string&gt; tells where a
/// phrase starts but not which one, nor the best-ranked one; one pass replaces hundreds of
/// IndexOf calls over the same text (docs/benchmarks.md §5).
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly List<Dictionary<char, int>> _next = [new()];
    private readonly List<int> _fail = [0];
    private readonly List<int> _best = [int.MaxValue];

    /// <param name="phrases">Each phrase (matched case-insensitively for ASCII) with its rank; lower wins.</param>
    public PhraseMatcher(IEnumerable<(string Phrase, int Rank)> phrases)
    {
        foreach (var (phrase, rank) in phrases)
        {
            var state = 0;
            foreach (var raw in phrase)
            {
                var c = Fold(raw);
                if (!_next[state].TryGetValue(c, out var to))
                {
                    to = _next.Count;
                    _next.Add([]);
                    _fail.Add(0);
                    _best.Add(int.MaxValue);
                    _next[state][c] = to;
                }

                state = to;
            }

            _best[state] = Math.Min(_best[state], rank);
        }

        // Breadth-first: each state's failure link, and the best rank of every phrase that ends there
        // (its own and its suffixes').
        var queue = new Queue<int>(_next[0].Values);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (c, to) in _next[state])
            {
                var f = _fail[state];
                while (f != 0 && !_next[f].ContainsKey(c))
                {
                    f = _fail[f];
                }

                _fail[to] = _next[f].TryGetValue(c, out var link) && link != to ? link : 0;
                _best[to] = Math.Min(_best[to], _best[_fail[to]]);
                queue.Enqueue(to);
            }
        }
    }

    /// <summary>The lowest rank of any phrase that occurs in the text, or null when none does.</summary>
    public int? BestRank(ReadOnlySpan<char> text)
    {
        var state = 0;
        var best = int.MaxValue;
        foreach (var raw in text)
        {
            var c = Fold(raw);
            while (true)
            {
                if (_next[state].TryGetValue(c, out var to))
                {
                    state = to;
                    break;
                }

                if (state == 0)
                {
                    break;
                }

                state = _fail[state];
            }

            if (_best[state] < best)
            {
                best = _best[state];
            }
        }

        return best == int.MaxValue ? null : best;
    }

    // ASCII case folding only: the phrases are ASCII, and a culture-free fold keeps the scan cheap.
    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
}
