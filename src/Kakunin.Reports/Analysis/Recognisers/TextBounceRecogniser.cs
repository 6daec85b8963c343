namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Base of the prose-bounce recognisers: a family is told by its signature (sender, subject,
/// fixed sentences of its template); its recipients and diagnostics are read by <see cref="BounceText"/>.
/// </summary>
internal abstract class TextBounceRecogniser : IReportRecogniser
{
    public abstract string Format { get; }

    /// <summary>Does this message carry the family's signature?</summary>
    protected abstract bool Matches(ReportContext context);

    /// <summary>A family may narrow which lines count as recipient lines.</summary>
    protected virtual Func<string, bool>? RecipientLineFilter => null;

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        if (!Matches(context))
        {
            return null;
        }

        var outcomes = BounceText.Scan(context, RecipientLineFilter);
        return outcomes.Count == 0 ? null : new RecognisedReport(ReportKind.Bounce, outcomes);
    }
}
