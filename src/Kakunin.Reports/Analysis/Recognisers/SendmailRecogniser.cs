namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Sendmail prose: "----- The following addresses had permanent fatal errors -----", "... User unknown"
/// transcripts; without those headings (translated), the "&gt;&gt;&gt;" / "&lt;&lt;&lt;" transcript itself. Each recipient
/// takes the reply to its own RCPT, or the reply to MAIL / DATA (<see cref="SessionTranscript"/>).
/// </summary>
internal sealed class SendmailRecogniser : TextBounceRecogniser
{
    public override string Format => "sendmail";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("The following addresses had permanent fatal errors", "Transcript of session follows", "The original message was received at", "had delivery errors")
        || TextLayout.IsSendmailTranscript(context.ReadableLines);
}
