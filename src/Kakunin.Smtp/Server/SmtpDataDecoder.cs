namespace Kakunin.Smtp.Server;

/// <summary>
/// Decodes DATA content (RFC 5321 §4.1.1.4, §4.5.2) byte by byte, so it gives the same result however the input is
/// split: removes dot-stuffing, finds the end, enforces the size limit on the octets actually received, and notes
/// bare CR / bare LF, NUL and 8-bit octets. Pure: no I/O other than writing to the given stream.
/// </summary>
/// <remarks>
/// The end is only CRLF "." CRLF, where the CRLF before the dot is a real one (or the start of DATA). After a bare LF
/// the next line does not count as a clean line start, so <c>\n.\n</c>, <c>\n.\r\n</c> and <c>\r.\r</c> never end the
/// message: they are read as content and flag <see cref="SmtpDataStatus.BareLineEnding"/> (SMTP smuggling).
/// </remarks>
public sealed class SmtpDataDecoder
{
    private readonly Stream _output;
    private readonly long _maxLength;
    private readonly byte[] _scratch = new byte[8192];
    private int _scratchLength;
    private State _state = State.Normal;
    private bool _lineStart = true;
    private bool _cleanLineStart = true;
    private long _length;
    private bool _tooBig;
    private bool _bare;
    private bool _nul;
    private bool _eightBit;

    /// <param name="output">Receives the unstuffed message, up to <paramref name="maxLength"/> octets.</param>
    /// <param name="maxLength">The size limit; octets beyond it are counted and discarded.</param>
    public SmtpDataDecoder(Stream output, long maxLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _maxLength = maxLength;
    }

    private enum State
    {
        Normal,
        Dot,
        DotCr,
        Cr,
    }

    /// <summary>The result so far; final once <see cref="Feed"/> returned true.</summary>
    public SmtpDataStatus Status => new(_length, _tooBig, _bare, _nul, _eightBit);

    /// <summary>Decodes input. Returns true when the end-of-data line was read; <paramref name="consumed"/> then stops right after it.</summary>
    public bool Feed(ReadOnlySpan<byte> input, out int consumed)
    {
        for (var i = 0; i < input.Length; i++)
        {
            if (Step(input[i]))
            {
                consumed = i + 1;
                FlushScratch();
                return true;
            }
        }

        consumed = input.Length;
        FlushScratch();
        return false;
    }

    private bool Step(byte b)
    {
        switch (_state)
        {
            case State.Dot:
                if (b == (byte)'\r')
                {
                    _state = State.DotCr;
                    return false;
                }

                // RFC 5321 §4.5.2: a line starting with "." and more characters loses its first ".".
                _state = State.Normal;
                _lineStart = false;
                break;

            case State.DotCr:
                if (b == (byte)'\n')
                {
                    return true; // RFC 5321 §4.1.1.4: CRLF "." CRLF ends the mail data.
                }

                _bare = true; // ".\r" then something other than LF: a bare CR.
                _state = State.Normal;
                _lineStart = false;
                Emit((byte)'\r');
                break;

            case State.Cr:
                _state = State.Normal;
                if (b == (byte)'\n')
                {
                    Emit(b);
                    _lineStart = true;
                    _cleanLineStart = true;
                    return false;
                }

                _bare = true; // RFC 5321 §2.3.8: CR only as part of CRLF.
                break;
        }

        if (_lineStart && _cleanLineStart && b == (byte)'.')
        {
            _state = State.Dot;
            return false;
        }

        _lineStart = false;
        switch (b)
        {
            case (byte)'\r':
                _state = State.Cr;
                break;
            case (byte)'\n':
                // RFC 5321 §2.3.8: LF only as part of CRLF. The next line is not a clean start.
                _bare = true;
                _lineStart = true;
                _cleanLineStart = false;
                break;
            case 0:
                _nul = true;
                break;
            case > 127:
                _eightBit = true;
                break;
        }

        Emit(b);
        return false;
    }

    private void Emit(byte b)
    {
        _length++;
        if (_length > _maxLength)
        {
            _tooBig = true; // RFC 1870 §6.3 / RFC 5321 §4.5.3.1.10: discard, answer 552 after the end.
            return;
        }

        _scratch[_scratchLength++] = b;
        if (_scratchLength == _scratch.Length)
        {
            FlushScratch();
        }
    }

    private void FlushScratch()
    {
        if (_scratchLength > 0)
        {
            _output.Write(_scratch, 0, _scratchLength);
            _scratchLength = 0;
        }
    }
}
