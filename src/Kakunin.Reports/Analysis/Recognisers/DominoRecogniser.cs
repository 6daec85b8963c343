namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>IBM / HCL Domino and Lotus Notes: "was not delivered to:" ... "because:", "Failure Reasons".</summary>
internal sealed class DominoRecogniser : TextBounceRecogniser
{
    public override string Format => "domino";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("was not delivered to:", "Failure Reasons", "Lotus", "Domino");
}
