using System.Buffers;
using Kakunin.Imap.Message;
using Kakunin.Store.Imap;

namespace Kakunin.Web.Imap;

/// <summary>
/// Builds a message's ENVELOPE text from its header when the store has none cached, and hands it to the store's
/// content cache (docs/imap-store.md, "The content cache"): the form for clients without UTF8=ACCEPT always, and the
/// form for clients with it only when the header has 8-bit octets (otherwise the two are the same bytes).
/// </summary>
internal static class EnvelopeCache
{
    /// <summary>The ENVELOPE for the session's mode; cached for next time unless the header failed its checksum.</summary>
    public static ReadOnlyMemory<byte> Build(ImapMailRepository mail, MessageData message, ReadOnlyMemory<byte> header, bool utf8)
    {
        var ascii = Write(header, utf8Quoted: false);
        var eightBit = header.Span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        var utf8Text = eightBit ? Write(header, utf8Quoted: true) : null;
        if (!message.IsDamaged && message.ContentId is { } contentId)
        {
            mail.RememberEnvelope(contentId, ascii, utf8Text);
        }

        return utf8 ? utf8Text ?? ascii : ascii;
    }

    private static byte[] Write(ReadOnlyMemory<byte> header, bool utf8Quoted)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        MessageStructure.WriteEnvelope(buffer, header, utf8Quoted);
        return buffer.WrittenSpan.ToArray();
    }
}
