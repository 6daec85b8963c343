namespace Kakunin.Store;

/// <summary>What <see cref="MailboxMessages.TryAddFlag"/> did.</summary>
public enum FlagChange
{
    /// <summary>The flag was not as asked; it is now.</summary>
    Added,

    /// <summary>The flag was as asked already; nothing changed.</summary>
    AlreadySet,

    /// <summary>The user has no such message.</summary>
    NoSuchMessage,
}

/// <summary>
/// Reads and changes of one stored message inside a write transaction, always scoped to its owner: the
/// test-and-set of a flag (e.g. $MDNSent, RFC 3503) and who owns a message.
/// </summary>
public static class MailboxMessages
{
    /// <summary>
    /// Adds <paramref name="flag"/> to a message of <paramref name="userId"/> unless it is there already. Run
    /// inside the single writer, so two callers racing for the same flag see exactly one <see cref="FlagChange.Added"/>.
    /// </summary>
    public static FlagChange TryAddFlag(StoreTransaction transaction, long userId, long messageId, string flag) =>
        SetFlag(transaction, userId, messageId, flag, on: true);

    /// <summary>
    /// Sets or clears one flag of a message of <paramref name="userId"/> (the seen column follows \Seen). Returns
    /// <see cref="FlagChange.Added"/> when something changed, <see cref="FlagChange.AlreadySet"/> when it was
    /// already so, <see cref="FlagChange.NoSuchMessage"/> when the user has no such message.
    /// </summary>
    public static FlagChange SetFlag(StoreTransaction transaction, long userId, long messageId, string flag, bool on)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(flag);
        string? flags;
        using (var command = transaction.Command(
            "SELECT m.flags FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id = @id AND f.user_id = @u",
            ("@id", messageId), ("@u", userId)))
        {
            flags = command.ExecuteScalar() as string;
        }

        if (flags is null)
        {
            return FlagChange.NoSuchMessage;
        }

        var list = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (list.Contains(flag, StringComparer.OrdinalIgnoreCase) == on)
        {
            return FlagChange.AlreadySet;
        }

        var changed = on ? list.Append(flag) : list.Where(f => !f.Equals(flag, StringComparison.OrdinalIgnoreCase));
        MailboxRepository.SetFlags(transaction, messageId, string.Join(' ', changed));
        return FlagChange.Added;
    }

    /// <summary>
    /// Whether <paramref name="userId"/> already holds (in any folder) a local delivery of queued message
    /// <paramref name="queueMessageId"/> through another recipient: two addresses of one user (Bob and bob, an alias
    /// and the user, two aliases) get one copy per mailbox. Read through the queue recipient's index and the unique
    /// messages.queue_recipient_id, so it stays cheap however large the mailbox.
    /// </summary>
    public static bool HoldsDelivery(StoreTransaction transaction, long userId, long queueMessageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ScalarInt64(
            "SELECT m.id FROM queue_recipients r JOIN messages m ON m.queue_recipient_id = r.id JOIN folders f ON f.id = m.folder_id " +
            "WHERE r.message_id = @q AND f.user_id = @u LIMIT 1",
            ("@q", queueMessageId), ("@u", userId)) is not null;
    }

    /// <summary>The user whose folder holds a message, or null when there is no such message.</summary>
    public static long? OwnerOf(StoreTransaction transaction, long messageId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ScalarInt64("SELECT f.user_id FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id = @id", ("@id", messageId));
    }
}
