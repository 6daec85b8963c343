namespace Kakunin.Imap.Message;

/// <summary>Reads field names and values out of an entity's header by offset.</summary>
internal static class HeaderFieldReader
{
    /// <summary>The field's name, without trailing whitespace before the colon.</summary>
    public static ReadOnlySpan<byte> Name(ReadOnlySpan<byte> data, HeaderField field)
    {
        var end = field.Colon < 0 ? field.End : field.Colon;
        return data[field.Start..end].TrimEnd(" \t\r\n"u8);
    }

    /// <summary>Whether the field is named <paramref name="name"/> (ASCII case-insensitive, RFC 5322 §1.2.2).</summary>
    public static bool IsNamed(ReadOnlySpan<byte> data, HeaderField field, ReadOnlySpan<char> name)
    {
        var actual = Name(data, field);
        if (field.Colon < 0 || actual.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < actual.Length; i++)
        {
            if (char.ToUpperInvariant((char)actual[i]) != char.ToUpperInvariant(name[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The value as Dovecot keeps it: from after the colon with leading blanks skipped, the final line break removed,
    /// each fold's line break turned into a single LF (the whitespace that starts the next line stays).
    /// </summary>
    public static byte[] Value(ReadOnlySpan<byte> data, HeaderField field)
    {
        if (field.Colon < 0)
        {
            return [];
        }

        var raw = data[(field.Colon + 1)..field.End];
        var start = 0;
        while (start < raw.Length && raw[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        // Drop the CR of each CRLF, then the trailing LFs: counted first, so the value is one exact allocation.
        var body = raw[start..];
        var end = body.Length;
        while (end > 0 && (body[end - 1] == '\n' || (body[end - 1] == '\r' && end < body.Length && body[end] == '\n')))
        {
            end--;
        }

        body = body[..end];
        var length = body.Length - body.Count("\r\n"u8);
        if (length == body.Length)
        {
            return body.ToArray();
        }

        var output = new byte[length];
        var n = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\r' && i + 1 < body.Length && body[i + 1] == '\n')
            {
                continue;
            }

            output[n++] = body[i];
        }

        return output;
    }

    /// <summary>The value of the first field with that name, or null.</summary>
    public static byte[]? First(ReadOnlySpan<byte> data, MimeEntity entity, string name)
    {
        foreach (var field in entity.Fields)
        {
            if (IsNamed(data, field, name))
            {
                return Value(data, field);
            }
        }

        return null;
    }
}
