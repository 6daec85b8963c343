using Kakunin.Protocol;
namespace Kakunin.Store;

/// <summary>Messages in users' folders.</summary>
public sealed partial class MailboxRepository
{
    private readonly KakuninStore _store;

    internal MailboxRepository(KakuninStore store) => _store = store;

    /// <summary>
    /// Appends a message to a folder of a user, inside a write transaction. With <paramref name="queueRecipientId"/>
    /// the insert is keyed on the delivery (unique), so the same queue recipient can never land twice.
    /// </summary>
    public static long Append(
        StoreTransaction transaction, long userId, string folder, ReadOnlyMemory<byte> content, string flags, DateTimeOffset receivedAt, long? queueRecipientId = null, string? reportState = null,
        MessageSummary? summary = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(flags);
        var folderId = transaction.ScalarInt64("SELECT id FROM folders WHERE user_id = @u AND name = @n", ("@u", userId), ("@n", folder))
            ?? throw new InvalidOperationException($"User {userId} has no folder {folder}.");
        summary ??= MessageSummary.Read(content);
        var contentId = MessageContents.Put(transaction, content, queueRecipientId); // the bytes once, however many mailboxes hold them
        return transaction.ScalarInt64(
            // uid and modseq from the folder row in the same statement (migration 10); the trigger moves the folder's counters on.
            "INSERT INTO messages (folder_id, received_at, size, flags, content, content_id, queue_recipient_id, subject, from_text, to_text, date_at, has_attachments, seen, report_state, uid, modseq) " +
            "SELECT @f, @t, @s, @fl, @c, @cid, @q, @sub, @from, @to, @date, @att, @seen, @rs, uid_next, highest_modseq + 1 FROM folders WHERE id = @f RETURNING id",
            ("@f", folderId), ("@t", Sql.ToUnixMs(receivedAt)), ("@s", content.Length), ("@fl", flags), ("@c", Array.Empty<byte>()), ("@cid", contentId), ("@q", queueRecipientId),
            ("@sub", summary.Subject), ("@from", summary.From), ("@to", summary.To), ("@date", summary.Date is { } d ? Sql.ToUnixMs(d) : null),
            ("@att", summary.HasAttachments ? 1 : 0), ("@seen", IsSeen(flags) ? 1 : 0), ("@rs", reportState))!.Value;
    }

    /// <summary>Whether the user has a folder of that name (users may delete Junk, for one).</summary>
    public static bool HasFolder(StoreTransaction transaction, long userId, string folder)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ScalarInt64("SELECT id FROM folders WHERE user_id = @u AND name = @n", ("@u", userId), ("@n", folder)) is not null;
    }

    /// <summary>Whether a flags text holds \Seen; kept in its own column so unread counts use an index.</summary>
    public static bool IsSeen(string flags) =>
        flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(MessageFlags.Seen, StringComparer.OrdinalIgnoreCase);

    /// <summary>Appends a message for a user by address (a separate write).</summary>
    public Task<long> AppendAsync(string address, string folder, ReadOnlyMemory<byte> content, string flags, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(
            tx => Append(tx, DirectoryRepository.FindUserId(tx, address) ?? throw new InvalidOperationException($"No user {address}."), folder, content, flags, receivedAt),
            cancellationToken);

    /// <summary>Replaces the flags of a message.</summary>
    public Task SetFlagsAsync(long messageId, string flags, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(tx => SetFlags(tx, messageId, flags), cancellationToken);

    /// <summary>Replaces the flags of a message inside a write transaction (the seen column follows).</summary>
    public static void SetFlags(StoreTransaction transaction, long messageId, string flags)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(flags);
        transaction.Execute("UPDATE messages SET flags = @f, seen = @s WHERE id = @id", ("@f", flags), ("@s", IsSeen(flags) ? 1 : 0), ("@id", messageId));
    }

    /// <summary>The messages of one folder of a user, oldest first, with their bytes.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ListAsync(string address, string folder, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            "SELECT m.id, m.received_at, m.size, m.flags, " + MessageContents.Select + ", m.queue_recipient_id, " + MessageContents.Checksum + " FROM messages m" + MessageContents.Join + " JOIN folders f ON f.id = m.folder_id JOIN users u ON u.id = f.user_id WHERE u.address = @a AND f.name = @n ORDER BY m.id",
            ("@a", MailboxIdentity.KeyOf(address)), ("@n", folder));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<StoredMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Verified(address, new StoredMessage(
                reader.GetInt64(0), folder, Sql.FromUnixMs(reader.GetInt64(1)), reader.GetInt64(2), reader.GetString(3),
                (byte[])reader.GetValue(4), Sql.NullableInt64(reader, 5)), Sql.NullableString(reader, 6)));
        }

        return list;
    }

    /// <summary>One message of a user (in any folder) by id, or null when the user has no such message.</summary>
    public async Task<StoredMessage?> GetAsync(string address, long messageId, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            "SELECT m.id, f.name, m.received_at, m.size, m.flags, " + MessageContents.Select + ", m.queue_recipient_id, " + MessageContents.Checksum + " FROM messages m" + MessageContents.Join + " JOIN folders f ON f.id = m.folder_id JOIN users u ON u.id = f.user_id WHERE u.address = @a AND m.id = @id",
            ("@a", MailboxIdentity.KeyOf(address)), ("@id", messageId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? Verified(address, new StoredMessage(
                reader.GetInt64(0), reader.GetString(1), Sql.FromUnixMs(reader.GetInt64(2)), reader.GetInt64(3), reader.GetString(4),
                (byte[])reader.GetValue(5), Sql.NullableInt64(reader, 6)), Sql.NullableString(reader, 7))
            : null;
    }

    /// <summary>Whether bytes read for IMAP match their checksum; a mismatch is reported as <see cref="Verified"/> does.</summary>
    internal bool CheckContent(long userId, long messageId, byte[] content, string? checksum)
    {
        if (Integrity.ContentChecksum.Matches(content, checksum))
        {
            return true;
        }

        _store.Integrity.Found(new Integrity.DamagedContent(
            Integrity.DamagedContentSource.Mailbox, messageId, $"message {messageId} of user {userId}",
            checksum!, Integrity.ContentChecksum.Of(content), content.Length));
        return false;
    }

    /// <summary>
    /// Every read of a message's bytes compares them with the checksum recorded when they were stored; a mismatch marks
    /// the message damaged (the bytes are returned as they are) and is reported to <see cref="KakuninStore.Integrity"/>.
    /// </summary>
    private StoredMessage Verified(string address, StoredMessage message, string? checksum)
    {
        if (Integrity.ContentChecksum.Matches(message.Content.Span, checksum))
        {
            return message;
        }

        _store.Integrity.Found(new Integrity.DamagedContent(
            Integrity.DamagedContentSource.Mailbox, message.Id, $"message {message.Id} of {MailboxIdentity.KeyOf(address)} ({message.Folder})",
            checksum!, Integrity.ContentChecksum.Of(message.Content.Span), message.Content.Length));
        return message with { IsDamaged = true };
    }
}
