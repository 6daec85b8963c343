namespace Kakunin.Imap.Message;

/// <summary>Cuts FETCH sections out of stored message bytes, exact to the byte (RFC 9051 §6.4.5, RFC 3516).</summary>
public static class MessageSections
{
    /// <summary>The bytes of a section; empty when the message has no such part (RFC 9051: an empty string).</summary>
    public static ReadOnlyMemory<byte> Extract(ReadOnlyMemory<byte> message, SectionSpec section) =>
        throw new NotImplementedException("written by the imap-message work");

    /// <summary>
    /// BINARY[part] (RFC 3516 §4.2): the part's content with its Content-Transfer-Encoding removed; null when the
    /// encoding is not one the server knows (the server answers NO [UNKNOWN-CTE]).
    /// </summary>
    public static ReadOnlyMemory<byte>? DecodeBinary(ReadOnlyMemory<byte> message, IReadOnlyList<int> part) =>
        throw new NotImplementedException("written by the imap-message work");
}
