namespace Kakunin.Reports.Receipts;

/// <summary>What just happened to the message.</summary>
public enum ReceiptEvent
{
    /// <summary>The reader opened it (disposition "displayed").</summary>
    Displayed,

    /// <summary>The reader deleted it without reading (disposition "deleted", manual-action).</summary>
    DeletedUnread,

    /// <summary>A rule or expiry deleted it, with no one present (disposition "deleted", automatic-action; RFC 8098 §4).</summary>
    DeletedByRule,
}
