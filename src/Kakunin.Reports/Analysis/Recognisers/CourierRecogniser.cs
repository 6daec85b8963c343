namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>Courier mail server: "This is a delivery status notification from ..., running the Courier mail server".</summary>
internal sealed class CourierRecogniser : TextBounceRecogniser
{
    public override string Format => "courier";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("Courier mail server", "delivery status notification from");
}
