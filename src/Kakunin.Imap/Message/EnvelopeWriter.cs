using System.Buffers;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Message;

/// <summary>Writes ENVELOPE (RFC 9051 §7.5.2) from an entity's header, as Dovecot 2.3 writes it.</summary>
internal static class EnvelopeWriter
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> data, MimeEntity entity, bool utf8Quoted)
    {
        ImapStrings.Write(output, "("u8);
        StructureStrings.WriteNStringNoLineBreaks(output, HeaderFieldReader.First(data, entity, "Date"), utf8Quoted);
        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteSubject(output, HeaderFieldReader.First(data, entity, "Subject"), utf8Quoted);

        var from = Addresses(data, entity, "From");

        // RFC 9051 §7.5.2: absent or empty Sender and Reply-To take the value of From.
        foreach (var name in (ReadOnlySpan<string>)["From", "Sender", "Reply-To", "To", "Cc", "Bcc"])
        {
            var list = name == "From" ? from : Addresses(data, entity, name);
            if (list is null && name is "Sender" or "Reply-To")
            {
                list = from;
            }

            ImapStrings.Write(output, " "u8);
            WriteAddressList(output, list, utf8Quoted);
        }

        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNStringNoLineBreaks(output, HeaderFieldReader.First(data, entity, "In-Reply-To"), utf8Quoted);
        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNStringNoLineBreaks(output, HeaderFieldReader.First(data, entity, "Message-ID"), utf8Quoted);
        ImapStrings.Write(output, ")"u8);
    }

    private static List<EnvelopeAddress>? Addresses(ReadOnlySpan<byte> data, MimeEntity entity, string name)
    {
        var value = HeaderFieldReader.First(data, entity, name);
        if (value is null)
        {
            return null;
        }

        var list = EnvelopeAddress.ParseList(value);
        return list.Count == 0 ? null : list;
    }

    private static void WriteAddressList(IBufferWriter<byte> output, List<EnvelopeAddress>? list, bool utf8Quoted)
    {
        if (list is null)
        {
            ImapStrings.Write(output, "NIL"u8);
            return;
        }

        ImapStrings.Write(output, "("u8);
        foreach (var address in list)
        {
            ImapStrings.Write(output, "("u8);
            // Dovecot writes display names as it writes the subject ("for humans"), the other members as strings.
            StructureStrings.WriteSubject(output, address.Name is null ? null : System.Text.Encoding.Latin1.GetBytes(address.Name), utf8Quoted);
            ImapStrings.Write(output, " "u8);
            StructureStrings.WriteNString(output, address.Route, utf8Quoted);
            ImapStrings.Write(output, " "u8);
            StructureStrings.WriteNString(output, address.Mailbox, utf8Quoted);
            ImapStrings.Write(output, " "u8);
            StructureStrings.WriteNString(output, address.Host, utf8Quoted);
            ImapStrings.Write(output, ")"u8);
        }

        ImapStrings.Write(output, ")"u8);
    }
}
