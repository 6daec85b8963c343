using System.Buffers;

namespace Kakunin.Imap.Message;

/// <summary>Writes ENVELOPE and BODY/BODYSTRUCTURE of stored message bytes (RFC 9051 §7.5.2).</summary>
/// <remarks>Byte for byte what Dovecot 2.3 writes for the same message (checked by DovecotComparisonTests).</remarks>
public static class MessageStructure
{
    /// <summary>Writes the parenthesised ENVELOPE of a message from its header bytes (the header block is enough).</summary>
    public static void WriteEnvelope(IBufferWriter<byte> output, ReadOnlyMemory<byte> header, bool utf8Quoted) =>
        WriteEnvelope(output, new ParsedMessage(header), utf8Quoted);

    /// <summary>Writes the ENVELOPE of a message (or of its header block) whose structure may already be scanned.</summary>
    public static void WriteEnvelope(IBufferWriter<byte> output, ParsedMessage message, bool utf8Quoted)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        EnvelopeWriter.Write(output, message.Bytes.Span, message.Root, utf8Quoted);
    }

    /// <summary>Writes BODYSTRUCTURE (<paramref name="extensible"/>) or BODY (without extension data) of a whole message.</summary>
    public static void WriteBodyStructure(IBufferWriter<byte> output, ReadOnlyMemory<byte> message, bool extensible, bool utf8Quoted) =>
        WriteBodyStructure(output, new ParsedMessage(message), extensible, utf8Quoted);

    /// <summary>As <see cref="WriteBodyStructure(IBufferWriter{byte}, ReadOnlyMemory{byte}, bool, bool)"/>, with the structure scanned at most once.</summary>
    public static void WriteBodyStructure(IBufferWriter<byte> output, ParsedMessage message, bool extensible, bool utf8Quoted)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        BodyStructureWriter.Write(output, message.Bytes.Span, message.Root, extensible, utf8Quoted);
    }
}
