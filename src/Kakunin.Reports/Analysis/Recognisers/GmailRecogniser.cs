namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Gmail / Google Workspace prose ("Delivery to the following recipient failed permanently") and
/// Google Groups refusals ("the group you tried to contact may not exist, or you may not have
/// permission to post"), in any language: a group refusing a post is <see cref="BounceReason.Rejected"/>.
/// </summary>
internal sealed class GmailRecogniser : IReportRecogniser
{
    public string Format => "gmail";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var isGroups = context.TextContains("groups.google.com", "Google Groups");
        if (!isGroups && !context.TextContains("Delivery to the following recipient", "Google tried to deliver your message", "The error that the other server returned was"))
        {
            return null;
        }

        var outcomes = BounceText.Scan(context);
        if (isGroups)
        {
            var failed = BounceText.SplitAddresses(context.Header("X-Failed-Recipients"));
            if (failed.Count > 0)
            {
                outcomes = [.. failed.Select(a => new RawOutcome(a) { Action = Dsn.DsnAction.Failed })];
            }

            outcomes = [.. outcomes.Select(o => o with { Reason = BounceReason.Rejected })];
        }

        return outcomes.Count == 0 ? null : new RecognisedReport(ReportKind.Bounce, outcomes);
    }
}
