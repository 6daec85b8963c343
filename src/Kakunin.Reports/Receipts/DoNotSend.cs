namespace Kakunin.Reports.Receipts;

/// <summary>Send nothing and do not ask.</summary>
/// <param name="Reason">Why.</param>
public sealed record DoNotSend(ReceiptReason Reason) : ReceiptDecision
{
    /// <summary>The reason as a sentence in <paramref name="language"/>.</summary>
    public string Explain(string language) => ReceiptReasonText.For(Reason, language);
}
