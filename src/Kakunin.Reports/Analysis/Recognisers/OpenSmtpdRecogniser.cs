namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>OpenSMTPD: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.", "An error has occurred while attempting to deliver".</summary>
internal sealed class OpenSmtpdRecogniser : TextBounceRecogniser
{
    public override string Format => "opensmtpd";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("This is the MAILER-DAEMON, please DO NOT REPLY", "An error has occurred while attempting to deliver a message", "Delivery to the following recipients");
}
