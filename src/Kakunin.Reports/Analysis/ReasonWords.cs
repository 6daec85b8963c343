using Kakunin.Reports.Analysis.Vendors;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// What the reason classifier's word tables find in one text, from one pass: the best vendor code without a host
/// key, whether any host-keyed vendor code occurs, the best precise phrase row, the best catch-all row, and whether
/// Spectrum's "AUP#" prefix occurs. The classifier used to run one automaton per table over the same diagnostic
/// (up to four passes); the tables now share one automaton as channels (<see cref="PhraseMatcher.BestRanks"/>), and
/// each channel's answer is exactly what the table's own automaton gave (docs/benchmarks.md §5, fourth pass).
/// </summary>
internal readonly struct ReasonWords
{
    private const int VendorUnkeyed = 0;
    private const int VendorKeyed = 1;
    private const int PreciseRow = 2;
    private const int CatchAllRow = 3;
    private const int Spectrum = 4;
    private const int Channels = 5;

    private static readonly PhraseMatcher All = new(
        VendorCodes.Unkeyed.Select((r, i) => (r.Token, VendorUnkeyed, i))
            .Concat(VendorCodes.Keyed.Select(r => (r.Token, VendorKeyed, 0)))
            .Concat(ReasonPhrases.Precise.SelectMany((row, rank) => row.Phrases.Select(p => (p, PreciseRow, rank))))
            .Concat(ReasonPhrases.CatchAll.SelectMany((row, rank) => row.Phrases.Select(p => (p, CatchAllRow, rank))))
            .Append((SpectrumCodes.Prefix, Spectrum, 0)),
        Channels);

    private readonly int unkeyed;
    private readonly int precise;
    private readonly int catchAll;
    private readonly bool keyed;
    private readonly bool any;

    private ReasonWords(ReadOnlySpan<int> ranks)
    {
        unkeyed = ranks[VendorUnkeyed];
        keyed = ranks[VendorKeyed] != int.MaxValue;
        precise = ranks[PreciseRow];
        catchAll = ranks[CatchAllRow];
        foreach (var rank in ranks)
        {
            any |= rank != int.MaxValue;
        }
    }

    /// <summary>One pass over <paramref name="text"/>.</summary>
    public static ReasonWords Scan(ReadOnlySpan<char> text)
    {
        Span<int> ranks = stackalloc int[Channels];
        All.BestRanks(text, ranks);
        return new ReasonWords(ranks);
    }

    /// <summary>Whether any phrase or code of any table occurs.</summary>
    public bool Any => any;

    /// <summary>The index in <see cref="VendorCodes.Unkeyed"/> of the first unkeyed vendor code found, or null.</summary>
    public int? UnkeyedVendorRule => unkeyed == int.MaxValue ? null : unkeyed;

    /// <summary>Whether one of <see cref="VendorCodes.Keyed"/>'s codes occurs (ASCII-folded, as the automaton folds).</summary>
    public bool AnyKeyedVendorCode => keyed;

    /// <summary>The reason of the first <see cref="ReasonPhrases.Precise"/> row with a phrase in the text, or null.</summary>
    public BounceReason? Precise => precise == int.MaxValue ? null : ReasonPhrases.Precise[precise].Reason;

    /// <summary>The reason of the first <see cref="ReasonPhrases.CatchAll"/> row with a phrase in the text, or null.</summary>
    public BounceReason? CatchAll => catchAll == int.MaxValue ? null : ReasonPhrases.CatchAll[catchAll].Reason;
}
