namespace Kakunin.Store.Settings;

/// <summary>
/// One user's mail options, like Outlook's tracking options and Thunderbird's return receipts. The read-receipt
/// choices are stored as text (<see cref="ReceiptChoices"/>) so the store does not depend on the reports library.
/// </summary>
/// <param name="Language">"en" or "ja"; null follows the browser.</param>
/// <param name="RequestDeliveryReceipt">Tick "Request a delivery receipt" on every new message.</param>
/// <param name="RequestReadReceipt">Tick "Request a read receipt" on every new message.</param>
/// <param name="MdnOtherCases">Answer to a read-receipt request in ordinary cases.</param>
/// <param name="MdnNotInToOrCc">When none of my addresses is in To or Cc.</param>
/// <param name="MdnOutsideDomain">When the requester is outside my domain.</param>
/// <param name="MdnOnDeleteUnread">Whether deleting an unread message may send a "deleted" notification.</param>
/// <param name="ProcessReceiptsOnArrival">File DSNs and MDNs into Receipts (and Tracking) instead of the Inbox.</param>
public sealed record UserSettings(
    string? Language,
    bool RequestDeliveryReceipt,
    bool RequestReadReceipt,
    string MdnOtherCases,
    string MdnNotInToOrCc,
    string MdnOutsideDomain,
    bool MdnOnDeleteUnread,
    bool ProcessReceiptsOnArrival)
{
    /// <summary>
    /// What a new organisation starts with: no receipts requested by default, every read-receipt request asked
    /// about (RFC 8098 §2.1: no receipt without consent), nothing sent on delete, and reports left in the Inbox
    /// as ordinary mail (they update Tracking either way): nothing is filed away unless the user asks for it.
    /// </summary>
    public static UserSettings Default { get; } = new(
        null, false, false, ReceiptChoices.Ask, ReceiptChoices.Ask, ReceiptChoices.Ask, false, false);
}
