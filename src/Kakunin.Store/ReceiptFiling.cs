namespace Kakunin.Store;

/// <summary>
/// Where reports are filed on arrival. Interim: reads <c>user_settings.process_receipts</c> directly until
/// SettingsRepository (per-user settings, ProcessReceiptsOnArrival) lands; then this should call it.
/// </summary>
public static class ReceiptFiling
{
    /// <summary>
    /// Whether the user has "process receipts on arrival" on (Outlook's option): reports then go to
    /// <see cref="MailFolders.Receipts"/>. No settings row means off: reports stay in the Inbox as ordinary mail.
    /// </summary>
    public static bool ProcessReceiptsOnArrival(StoreTransaction transaction, long userId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ScalarInt64("SELECT process_receipts FROM user_settings WHERE user_id = $u", ("$u", userId)) is { } on && on != 0;
    }
}
