using System.Buffers;

namespace Kakunin.Imap.Message;

/// <summary>Writes ENVELOPE and BODY/BODYSTRUCTURE of stored message bytes (RFC 9051 §7.5.2).</summary>
public static class MessageStructure
{
    /// <summary>Writes the parenthesised ENVELOPE of a message from its header bytes (the header block is enough).</summary>
    public static void WriteEnvelope(IBufferWriter<byte> output, ReadOnlyMemory<byte> header, bool utf8Quoted) =>
        throw new NotImplementedException("written by the imap-message work");

    /// <summary>Writes BODYSTRUCTURE (<paramref name="extensible"/>) or BODY (without extension data) of a whole message.</summary>
    public static void WriteBodyStructure(IBufferWriter<byte> output, ReadOnlyMemory<byte> message, bool extensible, bool utf8Quoted) =>
        throw new NotImplementedException("written by the imap-message work");
}
