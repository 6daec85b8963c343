using System.Buffers;

namespace Kakunin.Smtp.Client;

/// <summary>
/// Puts message content on the wire as DATA wants it: CRLF lines only, dot-stuffed, then the end of data.
/// RFC 5321 §2.3.8: lines end with CRLF, CR and LF appear only together; §4.5.2: "Before sending a line of mail
/// text, the SMTP client checks the first character of the line. If it is a period, one additional period is
/// inserted at the beginning of the line"; §4.1.1.4: CRLF "." CRLF ends the data.
/// </summary>
/// <remarks>
/// Whatever bytes were queued (by the SMTP server, which refuses bare CR/LF, or by other paths such as the webmail,
/// or rows from before that rule), a bare LF or a bare CR is written as CRLF, so no peer can read a different line
/// structure, or a smuggled end of data (<c>\n.\n</c>, <c>\r.\r</c>, <c>\r\n.\n</c>…), than the one we send (SMTP
/// smuggling, CVE-2023-51764). Defence in depth, as Postfix's <c>smtp_forbid_bare_newline</c> family does for its peers.
/// Content is streamed in chunks of any size; the stuffer keeps only the state at the chunk edge (a CR waiting to
/// see whether an LF follows).
/// </remarks>
public sealed class DotStuffer
{
    private bool _atLineStart = true;
    private bool _pendingCr;

    /// <summary>Writes <paramref name="input"/> to <paramref name="output"/> as CRLF lines, doubling each line-initial ".".</summary>
    public void Write(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var i = 0;
        while (i < input.Length)
        {
            var b = input[i];
            if (_pendingCr)
            {
                // CR then LF is one line end; CR then anything else was a bare CR, ended here as CRLF.
                _pendingCr = false;
                EndLine(output);
                if (b == (byte)'\n')
                {
                    i++;
                    continue;
                }
            }

            switch (b)
            {
                case (byte)'\r':
                    _pendingCr = true;
                    i++;
                    continue;
                case (byte)'\n':
                    EndLine(output); // a bare LF: written as CRLF
                    i++;
                    continue;
                case (byte)'.' when _atLineStart:
                    output.Write("."u8); // the inserted dot; the original follows in the run below
                    break;
            }

            // A run of ordinary bytes up to the next CR or LF (a "." inside a line is ordinary).
            var run = input[(i + 1)..].IndexOfAny((byte)'\r', (byte)'\n');
            var end = run < 0 ? input.Length : i + 1 + run;
            output.Write(input[i..end]);
            _atLineStart = false;
            i = end;
        }
    }

    /// <summary>Ends the data: CRLF if the content did not end with a line end, then "." CRLF (RFC 5321 §4.1.1.4).</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_pendingCr)
        {
            _pendingCr = false;
            EndLine(output);
        }

        if (!_atLineStart)
        {
            output.Write("\r\n"u8);
            _atLineStart = true;
        }

        output.Write(".\r\n"u8);
    }

    private void EndLine(IBufferWriter<byte> output)
    {
        output.Write("\r\n"u8);
        _atLineStart = true;
    }
}
