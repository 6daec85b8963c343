namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>Sendmail prose: "----- The following addresses had permanent fatal errors -----", "... User unknown" transcripts.</summary>
internal sealed class SendmailRecogniser : TextBounceRecogniser
{
    public override string Format => "sendmail";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("The following addresses had permanent fatal errors", "Transcript of session follows", "The original message was received at", "had delivery errors");
}
