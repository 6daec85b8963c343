using System.Buffers;

namespace Kakunin.Imap.Message;

/// <summary>Writes ENVELOPE and BODY/BODYSTRUCTURE of stored message bytes (RFC 9051 §7.5.2).</summary>
/// <remarks>Byte for byte what Dovecot 2.3 writes for the same message (checked by DovecotComparisonTests).</remarks>
public static class MessageStructure
{
    /// <summary>Writes the parenthesised ENVELOPE of a message from its header bytes (the header block is enough).</summary>
    public static void WriteEnvelope(IBufferWriter<byte> output, ReadOnlyMemory<byte> header, bool utf8Quoted)
    {
        ArgumentNullException.ThrowIfNull(output);
        var root = MimeScanner.Parse(header);
        EnvelopeWriter.Write(output, header.Span, root, utf8Quoted);
    }

    /// <summary>Writes BODYSTRUCTURE (<paramref name="extensible"/>) or BODY (without extension data) of a whole message.</summary>
    public static void WriteBodyStructure(IBufferWriter<byte> output, ReadOnlyMemory<byte> message, bool extensible, bool utf8Quoted)
    {
        ArgumentNullException.ThrowIfNull(output);
        var root = MimeScanner.Parse(message);
        BodyStructureWriter.Write(output, message.Span, root, extensible, utf8Quoted);
    }
}
