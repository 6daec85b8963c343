namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Microsoft Exchange / Office 365 / Outlook.com: "did not reach the following recipient(s)",
/// "Delivery has failed to these recipients or groups", "Your message to ... couldn't be delivered".
/// </summary>
internal sealed class ExchangeRecogniser : TextBounceRecogniser
{
    public override string Format => "exchange";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("did not reach the following recipient", "Delivery has failed to these recipients", "couldn't be delivered", "could not be delivered to", "Your message did not reach some or all", "Diagnostic information for administrators", "MSEXCH:")
        || context.Header("X-MS-Exchange-Message-Is-Ndr") is not null;
}
