using Kakunin.Reports.Mdn;

namespace Kakunin.Reports.Receipts;

/// <summary>Send the receipt now with <paramref name="Disposition"/>; then set $MDNSent.</summary>
/// <param name="Disposition">manual-action/MDN-sent-automatically for a preset policy; automatic-action for rules.</param>
public sealed record SendAutomatically(Disposition Disposition) : ReceiptDecision;
