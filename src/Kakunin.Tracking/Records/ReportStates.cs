using Kakunin.Store;

namespace Kakunin.Tracking;

/// <summary>
/// messages.report_state: a report (DSN, MDN, recognised bounce) in a mailbox is "matched" when it updated a
/// tracked recipient, "unmatched" when it could not be tied to one (it stays visible as mail); null for other mail.
/// </summary>
public static class ReportStates
{
    public const string Matched = "matched";

    public const string Unmatched = "unmatched";

    /// <summary>Sets the report state of a stored message inside a write transaction.</summary>
    public static void Set(StoreTransaction transaction, long messageId, string? state)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        transaction.Execute("UPDATE messages SET report_state = @s WHERE id = @id", ("@s", state), ("@id", messageId));
    }
}
