namespace Kakunin.Store;

/// <summary>A message in a user's folder.</summary>
/// <param name="Flags">IMAP-style flags separated by spaces, e.g. <c>\Seen $MDNSent</c> (RFC 3503 for $MDNSent).</param>
/// <param name="QueueRecipientId">The queue recipient whose local delivery put it here, for deliveries.</param>
public sealed record StoredMessage(long Id, string Folder, DateTimeOffset ReceivedAt, long Size, string Flags, ReadOnlyMemory<byte> Content, long? QueueRecipientId)
{
    /// <summary>
    /// The bytes no longer have the checksum recorded when they were stored (docs/storage.md): <see cref="Content"/> is
    /// what is stored now, damaged, never repaired; readers show it as damaged.
    /// </summary>
    public bool IsDamaged { get; init; }

    public bool HasFlag(string flag) => Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(flag, StringComparer.OrdinalIgnoreCase);
}
