using Kakunin.Reports.Mdn;

namespace Kakunin.Reports.Receipts;

/// <summary>
/// Ask the reader. If they agree, send with <paramref name="DispositionIfAccepted"/>
/// (manual-action/MDN-sent-manually); whether they agree or decline, set $MDNSent.
/// </summary>
/// <param name="Reasons">Why the reader is asked, in the order found.</param>
/// <param name="DispositionIfAccepted">The disposition to send when the reader clicks "send".</param>
public sealed record AskReader(IReadOnlyList<ReceiptReason> Reasons, Disposition DispositionIfAccepted) : ReceiptDecision
{
    /// <summary>The reasons as sentences in <paramref name="language"/> ("en" or "ja").</summary>
    public IReadOnlyList<string> Explain(string language) =>
        Reasons.Select(r => ReceiptReasonText.For(r, language)).ToList();

    /// <inheritdoc />
    public bool Equals(AskReader? other) =>
        other is not null && Reasons.SequenceEqual(other.Reasons) && DispositionIfAccepted == other.DispositionIfAccepted;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Reasons.Count, DispositionIfAccepted);
}
