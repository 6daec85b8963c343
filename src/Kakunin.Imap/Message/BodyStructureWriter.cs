using System.Buffers;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Message;

/// <summary>
/// Writes BODY and BODYSTRUCTURE (RFC 9051 §7.5.2) of an entity tree, as Dovecot 2.3 writes them: type, subtype,
/// parameter names and encoding exactly as in the message (Dovecot does not change their case); text parts without
/// a charset get "charset" "us-ascii"; sizes are body octets as stored; lines count the LF octets of the body.
/// </summary>
internal static class BodyStructureWriter
{
    // Dovecot's stand-in for a multipart that has no parts at all (RFC 9051 requires at least one).
    private static ReadOnlySpan<byte> EmptyPart => "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0"u8;

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> data, MimeEntity entity, bool extensible, bool utf8Quoted)
    {
        if (entity.IsMultipart)
        {
            WriteMultipart(output, data, entity, extensible, utf8Quoted);
        }
        else
        {
            WriteSinglePart(output, data, entity, extensible, utf8Quoted);
        }
    }

    private static void WriteMultipart(IBufferWriter<byte> output, ReadOnlySpan<byte> data, MimeEntity entity, bool extensible, bool utf8Quoted)
    {
        ImapStrings.Write(output, "("u8);
        if (entity.Children.Count == 0)
        {
            ImapStrings.Write(output, EmptyPart);
            ImapStrings.Write(output, extensible ? " NIL NIL NIL NIL)"u8 : ")"u8);
        }

        foreach (var child in entity.Children)
        {
            Write(output, data, child, extensible, utf8Quoted);
        }

        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNString(output, entity.ContentType.Subtype, utf8Quoted);
        if (extensible)
        {
            ImapStrings.Write(output, " "u8);
            WriteParameters(output, entity.ContentType.Parameters, utf8Quoted);
            WriteExtensionTail(output, data, entity, utf8Quoted);
        }

        ImapStrings.Write(output, ")"u8);
    }

    private static void WriteSinglePart(IBufferWriter<byte> output, ReadOnlySpan<byte> data, MimeEntity entity, bool extensible, bool utf8Quoted)
    {
        var type = entity.ContentType;
        ImapStrings.Write(output, "("u8);
        StructureStrings.WriteNString(output, type.Type, utf8Quoted);
        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNString(output, type.Subtype, utf8Quoted);
        ImapStrings.Write(output, " "u8);
        WriteParameters(output, type.Parameters, utf8Quoted);
        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNStringNoLineBreaks(output, HeaderFieldReader.First(data, entity, "Content-ID"), utf8Quoted);
        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNStringNoLineBreaks(output, HeaderFieldReader.First(data, entity, "Content-Description"), utf8Quoted);
        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNString(output, TransferEncoding.Of(data, entity), utf8Quoted);
        ImapStrings.Write(output, " "u8);
        var body = data[entity.BodyStart..entity.BodyEnd];
        ImapStrings.WriteNumber(output, body.Length);

        if (entity.Message is { } inner)
        {
            // RFC 9051 §7.5.2: message/rfc822 adds the envelope and body structure of the encapsulated message.
            ImapStrings.Write(output, " "u8);
            EnvelopeWriter.Write(output, data, inner, utf8Quoted);
            ImapStrings.Write(output, " "u8);
            Write(output, data, inner, extensible, utf8Quoted);
            ImapStrings.Write(output, " "u8);
            ImapStrings.WriteNumber(output, body.Count((byte)'\n'));
        }
        else if (type.IsText)
        {
            ImapStrings.Write(output, " "u8);
            ImapStrings.WriteNumber(output, body.Count((byte)'\n'));
        }

        if (extensible)
        {
            ImapStrings.Write(output, " "u8);
            StructureStrings.WriteNStringNoLineBreaks(output, HeaderFieldReader.First(data, entity, "Content-MD5"), utf8Quoted);
            WriteExtensionTail(output, data, entity, utf8Quoted);
        }

        ImapStrings.Write(output, ")"u8);
    }

    // body-fld-dsp, body-fld-lang, body-fld-loc (RFC 9051 §9 body-ext-1part / body-ext-mpart).
    private static void WriteExtensionTail(IBufferWriter<byte> output, ReadOnlySpan<byte> data, MimeEntity entity, bool utf8Quoted)
    {
        ImapStrings.Write(output, " "u8);
        WriteDisposition(output, HeaderFieldReader.First(data, entity, "Content-Disposition"), utf8Quoted);
        ImapStrings.Write(output, " "u8);
        WriteLanguage(output, HeaderFieldReader.First(data, entity, "Content-Language"), utf8Quoted);
        ImapStrings.Write(output, " "u8);
        StructureStrings.WriteNStringNoLineBreaks(output, HeaderFieldReader.First(data, entity, "Content-Location"), utf8Quoted);
    }

    private static void WriteParameters(IBufferWriter<byte> output, IReadOnlyList<MimeParameter> parameters, bool utf8Quoted)
    {
        if (parameters.Count == 0)
        {
            ImapStrings.Write(output, "NIL"u8);
            return;
        }

        ImapStrings.Write(output, "("u8);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                ImapStrings.Write(output, " "u8);
            }

            StructureStrings.WriteNString(output, parameters[i].Name, utf8Quoted);
            ImapStrings.Write(output, " "u8);
            StructureStrings.WriteNString(output, parameters[i].Value, utf8Quoted);
        }

        ImapStrings.Write(output, ")"u8);
    }

    private static void WriteDisposition(IBufferWriter<byte> output, byte[]? raw, bool utf8Quoted)
    {
        if (raw is null)
        {
            ImapStrings.Write(output, "NIL"u8);
            return;
        }

        var tokens = new HeaderTokenizer(raw);
        tokens.SkipCfws();
        var type = tokens.ReadMimeToken();
        if (type.Length == 0)
        {
            ImapStrings.Write(output, "NIL"u8);
            return;
        }

        ImapStrings.Write(output, "("u8);
        StructureStrings.WriteNString(output, type, utf8Quoted);
        ImapStrings.Write(output, " "u8);
        WriteParameters(output, ContentType.ReadParameters(ref tokens), utf8Quoted);
        ImapStrings.Write(output, ")"u8);
    }

    private static void WriteLanguage(IBufferWriter<byte> output, byte[]? raw, bool utf8Quoted)
    {
        var tags = new List<string>();
        if (raw is not null)
        {
            var tokens = new HeaderTokenizer(raw);
            while (true)
            {
                tokens.SkipCfws();
                if (tokens.AtEnd)
                {
                    break;
                }

                if (tokens.Current == ',')
                {
                    tokens.Position++;
                    continue;
                }

                var tag = tokens.ReadMimeToken();
                if (tag.Length == 0)
                {
                    break;
                }

                tags.Add(tag);
            }
        }

        if (tags.Count == 0)
        {
            ImapStrings.Write(output, "NIL"u8);
            return;
        }

        ImapStrings.Write(output, "("u8);
        for (var i = 0; i < tags.Count; i++)
        {
            if (i > 0)
            {
                ImapStrings.Write(output, " "u8);
            }

            StructureStrings.WriteNString(output, tags[i], utf8Quoted);
        }

        ImapStrings.Write(output, ")"u8);
    }
}
