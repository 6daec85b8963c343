namespace Kakunin.Imap.Message;

/// <summary>Cuts FETCH sections out of stored message bytes, exact to the byte (RFC 9051 §6.4.5, RFC 3516).</summary>
/// <remarks>
/// Sections are slices of the stored bytes (no re-serialising). Checked against Dovecot 2.3: a part that does not
/// exist is an empty string (not NIL); HEADER, TEXT and HEADER.FIELDS after a part number need a message/rfc822
/// part, else they are empty; MIME of the body of a plain message is the message's header.
/// </remarks>
public static class MessageSections
{
    /// <summary>The bytes of a section; empty when the message has no such part (RFC 9051: an empty string).</summary>
    public static ReadOnlyMemory<byte> Extract(ReadOnlyMemory<byte> message, SectionSpec section) => Extract(new ParsedMessage(message), section);

    /// <summary>As <see cref="Extract(ReadOnlyMemory{byte}, SectionSpec)"/>, with the structure scanned at most once per message.</summary>
    public static ReadOnlyMemory<byte> Extract(ParsedMessage parsed, SectionSpec section)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(section);
        var message = parsed.Bytes;
        if (section.Part.Count == 0 && section.Text == SectionText.None)
        {
            return message;
        }

        var root = parsed.Root;
        var entity = PartLocator.Find(root, section.Part);
        if (entity is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        switch (section.Text)
        {
            case SectionText.None:
                return message[entity.BodyStart..entity.BodyEnd];
            case SectionText.Mime:
                return section.Part.Count == 0 ? ReadOnlyMemory<byte>.Empty : message[entity.HeaderStart..entity.BodyStart];
            default:
                break;
        }

        // HEADER, HEADER.FIELDS[.NOT] and TEXT are about a message: the top level, or an encapsulated one.
        var target = section.Part.Count == 0 ? root : entity.Message;
        if (target is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return section.Text switch
        {
            SectionText.Header => message[target.HeaderStart..target.BodyStart],
            SectionText.Text => message[target.BodyStart..target.BodyEnd],
            SectionText.HeaderFields => SelectFields(message.Span, target, section.Fields, keep: true),
            SectionText.HeaderFieldsNot => SelectFields(message.Span, target, section.Fields, keep: false),
            _ => ReadOnlyMemory<byte>.Empty,
        };
    }

    /// <summary>
    /// BINARY[part] (RFC 3516 §4.2): the part's content with its Content-Transfer-Encoding removed; null when the
    /// encoding is not one the server knows (the server answers NO [UNKNOWN-CTE]).
    /// </summary>
    public static ReadOnlyMemory<byte>? DecodeBinary(ReadOnlyMemory<byte> message, IReadOnlyList<int> part) => DecodeBinary(new ParsedMessage(message), part, out _);

    /// <summary>
    /// As <see cref="DecodeBinary(ReadOnlyMemory{byte}, IReadOnlyList{int})"/>; <paramref name="decoded"/> tells
    /// whether a base64 or quoted-printable encoding was removed (Dovecot then answers with a literal8). A composite
    /// part is passed as it is: Dovecot would also decode the encoded parts nested in it (not done here).
    /// </summary>
    public static ReadOnlyMemory<byte>? DecodeBinary(ParsedMessage parsed, IReadOnlyList<int> part, out bool decoded)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(part);
        decoded = false;
        var message = parsed.Bytes;
        if (part.Count == 0)
        {
            // BINARY[] is the whole message: a message has no transfer encoding of its own.
            return message;
        }

        var entity = PartLocator.Find(parsed.Root, part);
        if (entity is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var body = message[entity.BodyStart..entity.BodyEnd];
        if (entity.IsMultipart || entity.IsMessage)
        {
            // RFC 2045 §6.4: composite types carry only 7bit, 8bit or binary: nothing to decode.
            return body;
        }

        var mechanism = TransferEncoding.Of(message.Span, entity);
        decoded = mechanism.Equals("base64", StringComparison.OrdinalIgnoreCase) || mechanism.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase);
        return TransferEncoding.Decode(mechanism, body);
    }

    // RFC 9051 §6.4.5: the fields in message order, whole (with their folded lines), then the empty line.
    private static ReadOnlyMemory<byte> SelectFields(ReadOnlySpan<byte> data, MimeEntity entity, IReadOnlyList<string> names, bool keep)
    {
        var output = new List<byte>();
        foreach (var field in entity.Fields)
        {
            if (field.Colon < 0)
            {
                continue;
            }

            var named = false;
            foreach (var name in names)
            {
                if (HeaderFieldReader.IsNamed(data, field, name))
                {
                    named = true;
                    break;
                }
            }

            if (named == keep)
            {
                output.AddRange(data[field.Start..field.End]);
                if (field.End == entity.BodyStart && data[field.End - 1] != '\n')
                {
                    // The last field of a header cut off without a line break still ends with one.
                    output.AddRange("\r\n"u8);
                }
            }
        }

        // Dovecot: HEADER.FIELDS always ends with the empty line; HEADER.FIELDS.NOT of a header that has no empty
        // line (a message without a body) ends without one (checked by SessionVersusDovecotTests).
        if (keep || HasEmptyLine(data[entity.HeaderStart..entity.BodyStart]))
        {
            output.AddRange("\r\n"u8);
        }

        return output.ToArray();
    }

    private static bool HasEmptyLine(ReadOnlySpan<byte> header) =>
        header is [(byte)'\n'] or [(byte)'\r', (byte)'\n'] || header.EndsWith("\n\n"u8) || header.EndsWith("\n\r\n"u8);
}
