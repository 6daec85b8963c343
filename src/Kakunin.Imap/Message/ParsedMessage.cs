namespace Kakunin.Imap.Message;

/// <summary>
/// Stored message bytes with their MIME structure, scanned once on first use. FETCH makes one per message and hands
/// it to every item (ENVELOPE, BODYSTRUCTURE, each section), so a message is not re-scanned for each item.
/// </summary>
public sealed class ParsedMessage(ReadOnlyMemory<byte> bytes)
{
    private MimeEntity? root;

    /// <summary>The message's bytes as stored (or its header block only, when only that was read).</summary>
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    internal MimeEntity Root => root ??= MimeScanner.Parse(Bytes);
}
