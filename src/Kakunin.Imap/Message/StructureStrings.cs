using System.Buffers;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Message;

/// <summary>
/// How ENVELOPE and BODYSTRUCTURE strings go on the wire, byte for byte as Dovecot 2.3 writes them, built on
/// <see cref="ImapStrings"/>. Values are raw header octets (Latin-1 byte strings); encoded-words are never decoded
/// (RFC 9051 §7.5.2 carries the header values as they are). With <c>utf8Quoted</c> (IMAP4rev2 or UTF8=ACCEPT,
/// RFC 6855 §3) octets above 0x7F may be quoted instead of forcing a literal.
/// </summary>
internal static class StructureStrings
{
    /// <summary>NIL, a quoted string, or a literal when the value has CR/LF, 8-bit octets, or more than four escapes.</summary>
    public static void WriteNString(IBufferWriter<byte> output, byte[]? value, bool utf8Quoted)
    {
        if (value is null)
        {
            ImapStrings.Write(output, "NIL"u8);
            return;
        }

        var escapes = 0;
        foreach (var c in value)
        {
            var mustLiteral = c is (byte)'\r' or (byte)'\n' or 0
                || (c >= 0x80 && !utf8Quoted)
                || (c is (byte)'"' or (byte)'\\' && ++escapes > 4);
            if (mustLiteral)
            {
                ImapStrings.WriteLiteral(output, value);
                return;
            }
        }

        var span = output.GetSpan(value.Length + escapes + 2);
        var n = 0;
        span[n++] = (byte)'"';
        foreach (var c in value)
        {
            if (c is (byte)'"' or (byte)'\\')
            {
                span[n++] = (byte)'\\';
            }

            span[n++] = c;
        }

        span[n++] = (byte)'"';
        output.Advance(n);
    }

    public static void WriteNString(IBufferWriter<byte> output, string? value, bool utf8Quoted) =>
        WriteNString(output, value is null ? null : System.Text.Encoding.Latin1.GetBytes(value), utf8Quoted);

    /// <summary>A header value with its line breaks removed; a space is put where a break had none after it.</summary>
    public static void WriteNStringNoLineBreaks(IBufferWriter<byte> output, byte[]? value, bool utf8Quoted)
    {
        if (value is null || (value.AsSpan().IndexOfAny((byte)'\r', (byte)'\n') < 0))
        {
            WriteNString(output, value, utf8Quoted);
            return;
        }

        var joined = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is not ((byte)'\r' or (byte)'\n'))
            {
                joined.Add(c);
            }
            else if (i + 1 < value.Length && value[i + 1] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                joined.Add((byte)' ');
            }
        }

        WriteNString(output, [.. joined], utf8Quoted);
    }

    /// <summary>
    /// A subject "for humans", as Dovecot writes the ENVELOPE subject: line breaks removed, tabs and runs of spaces
    /// made one space, no leading or trailing space. Text that needed none of that (and has no quote, backslash or
    /// 8-bit octet) is quoted as it is; otherwise Dovecot sends the cleaned text as a literal.
    /// </summary>
    public static void WriteSubject(IBufferWriter<byte> output, byte[]? value, bool utf8Quoted)
    {
        if (value is null)
        {
            ImapStrings.Write(output, "NIL"u8);
            return;
        }

        // The cleaned text goes into a pooled buffer: it is only copied out when it differs from the value.
        var cleaned = ArrayPool<byte>.Shared.Rent(Math.Max(value.Length, 1));
        var count = 0;
        var lastWasSpace = true;
        var modified = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case (byte)'\r' or (byte)'\n':
                    modified = true;
                    break;
                case (byte)' ' or (byte)'\t':
                    if (c == '\t' || lastWasSpace)
                    {
                        modified = true;
                    }

                    if (!lastWasSpace)
                    {
                        cleaned[count++] = (byte)' ';
                    }

                    lastWasSpace = true;
                    break;
                case 0:
                    modified = true;
                    cleaned[count++] = 0x80;
                    lastWasSpace = false;
                    break;
                default:
                    if (c is (byte)'"' or (byte)'\\' || c >= 0x80)
                    {
                        modified = true;
                    }

                    cleaned[count++] = c;
                    lastWasSpace = false;
                    break;
            }
        }

        if (count > 0 && cleaned[count - 1] == ' ')
        {
            modified = true;
            count--;
        }

        if (!modified)
        {
            WriteNString(output, value, utf8Quoted);
        }
        else if (count == 0)
        {
            ImapStrings.Write(output, "\"\""u8);
        }
        else if (utf8Quoted)
        {
            WriteNString(output, cleaned.AsSpan(0, count).ToArray(), utf8Quoted);
        }
        else
        {
            ImapStrings.WriteLiteral(output, cleaned.AsSpan(0, count));
        }

        ArrayPool<byte>.Shared.Return(cleaned);
    }
}
