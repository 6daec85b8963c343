namespace Kakunin.Reports.Receipts;

/// <summary>
/// The outcome of <see cref="ReceiptDecider.Decide"/>: <see cref="SendAutomatically"/>,
/// <see cref="AskReader"/> or <see cref="DoNotSend"/>. Whatever the reader then does, the
/// caller sets $MDNSent (RFC 3503) once the receipt is sent or declined, not when the prompt shows.
/// </summary>
public abstract record ReceiptDecision;
