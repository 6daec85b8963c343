namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Courier mail server: "This is a delivery status notification from ..., running the Courier mail server";
/// without it, the per-recipient transcript layout (<see cref="TextLayout.IsCourier"/>). Each recipient's
/// reply and stage come from its own transcript (<see cref="SessionTranscript"/>).
/// </summary>
internal sealed class CourierRecogniser : TextBounceRecogniser
{
    public override string Format => "courier";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("Courier mail server", "delivery status notification from")
        || TextLayout.IsCourier(context.ReadableLines);
}
