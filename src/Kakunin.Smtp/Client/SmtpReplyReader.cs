using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// Reads SMTP replies from a stream: lines ended by CRLF (a bare LF is tolerated), "xyz-" lines
/// continued until an "xyz " (or bare "xyz") line (RFC 5321 §4.2.1), parsed by <see cref="SmtpReply.TryParse"/>.
/// Input is bounded: a line longer than <see cref="MaxLineLength"/> or a reply of more than
/// <see cref="MaxLines"/> lines ends the connection.
/// </summary>
internal sealed class SmtpReplyReader
{
    /// <summary>RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; real servers exceed it, so be generous.</summary>
    public const int MaxLineLength = 4096;

    public const int MaxLines = 200;

    private readonly byte[] _buffer = new byte[MaxLineLength * 2];
    private int _start;
    private int _end;

    /// <summary>Bytes received but not yet consumed (after a STARTTLS 220 this must be zero).</summary>
    public int Buffered => _end - _start;

    /// <exception cref="SmtpConnectionException">The connection closed, or the input is not an SMTP reply.</exception>
    public async ValueTask<SmtpReply> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        for (var count = 1; ; count++)
        {
            var line = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
            text.Append(line).Append("\r\n");
            var last = line.Length < 4 || line[3] != '-';
            if (last)
            {
                break;
            }
            if (count >= MaxLines)
            {
                throw new SmtpConnectionException($"Reply longer than {MaxLines} lines.");
            }
        }
        return SmtpReply.TryParse(text.ToString(), out var reply)
            ? reply
            : throw new SmtpConnectionException($"Not an SMTP reply: '{Truncate(text.ToString())}'.");
    }

    private async ValueTask<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                var length = lf - _start;
                if (length > 0 && _buffer[lf - 1] == (byte)'\r')
                {
                    length--;
                }
                // RFC 6531 §3.7.4: replies may carry UTF-8 once SMTPUTF8 is in use.
                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = lf + 1;
                return line;
            }
            if (_end - _start >= MaxLineLength)
            {
                throw new SmtpConnectionException($"Reply line longer than {MaxLineLength} octets.");
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new SmtpConnectionException("The server closed the connection.");
            }
            _end += read;
        }
    }

    private static string Truncate(string s) => s.Length <= 200 ? s.TrimEnd() : s[..200] + "…";
}
