using System.Buffers;

namespace Kakunin.Smtp.Client;

/// <summary>
/// Transparency for DATA (RFC 5321 §4.5.2): "Before sending a line of mail text, the SMTP client
/// checks the first character of the line. If it is a period, one additional period is inserted at
/// the beginning of the line." Then the end of data, CRLF "." CRLF (§4.1.1.4).
/// </summary>
/// <remarks>
/// A line starts at the beginning of the content and after every LF, bare or not: a server that
/// takes a bare LF as a line end must not see an unstuffed "." there either (SMTP smuggling).
/// Content is streamed through in chunks; the stuffer keeps only the state at the chunk edge.
/// </remarks>
public sealed class DotStuffer
{
    private bool _atLineStart = true;
    private bool _any;
    private byte _last;
    private byte _beforeLast;

    /// <summary>Writes <paramref name="input"/> to <paramref name="output"/>, doubling each line-initial ".".</summary>
    public void Write(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var start = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (_atLineStart && b == (byte)'.')
            {
                output.Write(input[start..i]);
                output.Write("."u8);
                start = i; // the original "." follows the inserted one
            }
            _atLineStart = b == (byte)'\n';
        }
        output.Write(input[start..]);
        if (input.Length > 0)
        {
            _any = true;
            _beforeLast = input.Length > 1 ? input[^2] : _last;
            _last = input[^1];
        }
    }

    /// <summary>Ends the data: CRLF if the content did not end with one, then "." CRLF (RFC 5321 §4.1.1.4).</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_any && !(_beforeLast == (byte)'\r' && _last == (byte)'\n'))
        {
            output.Write("\r\n"u8);
        }
        output.Write(".\r\n"u8);
    }
}
