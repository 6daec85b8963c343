namespace Kakunin.Store.Search;

/// <summary>
/// Orders the matches <see cref="MessageSearch"/> read from the index by BM25, computed here from each match's marked
/// text instead of by FTS5's <c>bm25()</c> over every match. The query is one phrase, so BM25's IDF factor is the same
/// for every message and only the term-frequency part orders them (Robertson and Zaragoza, "The Probabilistic Relevance
/// Framework: BM25 and Beyond", 2009; the same k1 = 1.2 and b = 0.75 as FTS5's bm25(), sqlite.org/fts5.html "bm25"):
/// per column, tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)), summed with the column's weight. Lengths are in
/// characters (the trigram tokenizer makes one token a character, less two). Ties: the newer message first.
/// </summary>
internal static class SearchRanking
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    // A match in the subject says more about a message than one in its addresses, and that more than one deep in the body.
    private static readonly double[] Weights = [3.0, 2.0, 1.0];

    /// <summary>One match: its id and its columns' text with the matches between <see cref="SearchMarkers"/>.</summary>
    public sealed record Candidate(long Id, string[] Marked);

    /// <summary>The candidates, best first.</summary>
    public static IEnumerable<T> Order<T>(IReadOnlyList<T> candidates, Func<T, Candidate> of)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var stats = candidates.Select(c => Stats(of(c).Marked)).ToList();
        var columns = Weights.Length;
        var average = new double[columns];
        for (var col = 0; col < columns; col++)
        {
            average[col] = Math.Max(1.0, stats.Average(s => (double)s[col].Length));
        }

        return candidates
            .Select((c, i) => (Item: c, Id: of(c).Id, Score: Score(stats[i], average)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Id)
            .Select(x => x.Item);
    }

    private static double Score((int Hits, int Length)[] columns, double[] average)
    {
        var score = 0.0;
        for (var col = 0; col < columns.Length && col < Weights.Length; col++)
        {
            var tf = columns[col].Hits;
            if (tf > 0)
            {
                score += Weights[col] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * columns[col].Length / average[col]));
            }
        }

        return score;
    }

    // Per column: how many marked matches, and the text's length without the marks.
    private static (int Hits, int Length)[] Stats(string[] marked) =>
        marked.Select(text =>
        {
            var hits = 0;
            foreach (var ch in text)
            {
                if (ch == SearchMarkers.Start)
                {
                    hits++;
                }
            }

            return (hits, text.Length - (2 * hits));
        }).ToArray();
}
