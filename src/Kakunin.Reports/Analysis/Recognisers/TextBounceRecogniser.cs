using Kakunin.Protocol;

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

        var outcomes = PreferFailedRecipientsHeader(context, BounceText.Scan(context, RecipientLineFilter));
        return outcomes.Count == 0 ? null : new RecognisedReport(ReportKind.Bounce, outcomes);
    }

    // X-Failed-Recipients is the reporting MTA's own list of the envelope recipients that failed (Exim
    // writes it, others copy it): better evidence than an address guessed from the prose, which may be the
    // sender's ("A message sent by <addr> ..."). Prose outcomes it does not name are dropped; a named
    // recipient the prose missed takes the words of the report's single prose outcome, if there is one.
    private static List<RawOutcome> PreferFailedRecipientsHeader(ReportContext context, List<RawOutcome> outcomes)
    {
        var failed = BounceText.SplitAddresses(context.Header("X-Failed-Recipients"));
        if (failed.Count == 0)
        {
            return outcomes;
        }

        var result = new List<RawOutcome>();
        foreach (var address in failed)
        {
            var own = outcomes.FirstOrDefault(o => MailboxIdentity.Same(o.Recipient, address));
            result.Add(own
                ?? (outcomes.Count == 1 ? outcomes[0] with { Recipient = address, OriginalRecipient = null } : new RawOutcome(address) { Action = outcomes.FirstOrDefault()?.Action, Context = outcomes.FirstOrDefault()?.Context }));
        }

        return result;
    }
}
