namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>Gmail / Google Workspace / Google Groups prose: "Delivery to the following recipient failed permanently".</summary>
internal sealed class GmailRecogniser : TextBounceRecogniser
{
    public override string Format => "gmail";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("Delivery to the following recipient", "Google tried to deliver your message", "The error that the other server returned was", "Message not delivered", "the group you tried to contact", "Google Groups");
}
