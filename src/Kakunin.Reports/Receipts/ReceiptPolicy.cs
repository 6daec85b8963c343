namespace Kakunin.Reports.Receipts;

/// <summary>
/// The reader's read-receipt preferences: separate choices for "I'm not in To or Cc",
/// "the requester is outside my organisation" and "all other cases". Everything defaults to
/// <see cref="ReceiptChoice.Ask"/> (RFC 8098 §2.1: consent first; no silent receipts).
/// </summary>
/// <param name="NotInToOrCc">When none of the reader's addresses is in To or Cc.</param>
/// <param name="OutsideDomain">When a notification address is outside the reader's organisation.</param>
/// <param name="OtherCases">All other cases.</param>
/// <param name="SendOnDeleteUnread">Whether deleting a message unread may produce a "deleted" MDN at all (default no).</param>
public sealed record ReceiptPolicy(
    ReceiptChoice NotInToOrCc = ReceiptChoice.Ask,
    ReceiptChoice OutsideDomain = ReceiptChoice.Ask,
    ReceiptChoice OtherCases = ReceiptChoice.Ask,
    bool SendOnDeleteUnread = false)
{
    /// <summary>The default policy: ask in every case, nothing on delete.</summary>
    public static ReceiptPolicy Default { get; } = new();
}
