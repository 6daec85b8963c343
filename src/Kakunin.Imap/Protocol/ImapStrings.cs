using System.Buffers;
using System.Text;

namespace Kakunin.Imap.Protocol;

/// <summary>
/// Writes IMAP strings (RFC 9051 §4.3): NIL, a quoted string when the text allows it, else a literal. Text with
/// bytes beyond ASCII is quoted only when the client may receive UTF-8 in quoted strings (IMAP4rev2, or ENABLE
/// UTF8=ACCEPT, RFC 6855 §3); otherwise it goes as a literal, which may carry any octet but NUL.
/// </summary>
public static class ImapStrings
{
    private const int MaxQuotedLength = 1000;

    /// <summary>Writes NIL for null, else the string.</summary>
    public static void WriteNString(IBufferWriter<byte> output, string? value, bool utf8Quoted)
    {
        if (value is null)
        {
            Write(output, "NIL"u8);
        }
        else
        {
            WriteString(output, value, utf8Quoted);
        }
    }

    /// <summary>Writes a quoted string when every character may be quoted, else a literal.</summary>
    public static void WriteString(IBufferWriter<byte> output, string value, bool utf8Quoted)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (CanQuote(value, utf8Quoted))
        {
            var span = output.GetSpan(2 + (2 * Encoding.UTF8.GetMaxByteCount(value.Length)));
            var n = 0;
            span[n++] = (byte)'"';
            foreach (var rune in value.EnumerateRunes())
            {
                if (rune.Value is '"' or '\\')
                {
                    span[n++] = (byte)'\\';
                }

                n += rune.EncodeToUtf8(span[n..]);
            }

            span[n++] = (byte)'"';
            output.Advance(n);
        }
        else
        {
            WriteLiteral(output, Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>Writes a synchronizing-form literal as servers send it: {n} CRLF and the octets.</summary>
    public static void WriteLiteral(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        Write(output, "{"u8);
        WriteNumber(output, bytes.Length);
        Write(output, "}\r\n"u8);
        Write(output, bytes);
    }

    /// <summary>Writes a number in decimal ASCII.</summary>
    public static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        if (!value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A number did not fit 20 bytes.");
        }

        output.Advance(written);
    }

    /// <summary>Copies bytes as they are.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(output);

        // In the writer's own buffer sizes: a large literal does not ask the pipe for one buffer of its whole length.
        while (!bytes.IsEmpty)
        {
            var span = output.GetSpan();
            var n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            output.Advance(n);
            bytes = bytes[n..];
        }
    }

    // RFC 9051 §4.3: a quoted string holds no CR, LF or NUL; long text reads better (and parses faster) as a literal.
    private static bool CanQuote(string value, bool utf8Quoted)
    {
        if (value.Length > MaxQuotedLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\0' || (c > 0x7F && !utf8Quoted))
            {
                return false;
            }
        }

        return true;
    }
}
