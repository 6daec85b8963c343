namespace Kakunin.Smtp.Server;

/// <summary>
/// Checks BDAT content (RFC 3030) as it streams by, whatever the chunk boundaries: a CR must be followed by LF and an
/// LF preceded by CR (RFC 5321 §2.3.8; RFC 3030 §2: without BODY=BINARYMIME, which this server does not offer, the
/// content is 7bit or 8bitmime text, i.e. CRLF lines), and no NUL (RFC 5321 §4.5.2). Pure: it only looks.
/// </summary>
/// <remarks>A CR ending one chunk and an LF starting the next are one CRLF.</remarks>
public sealed class ChunkContentScanner
{
    private bool _afterCr;
    private bool _bare;

    /// <summary>A bare CR or bare LF was seen (a CR still waiting for its LF counts only after <see cref="Complete"/>).</summary>
    public bool BareLineEnding => _bare;

    /// <summary>A NUL octet was seen.</summary>
    public bool Nul { get; private set; }

    /// <summary>Looks at the next bytes of the content.</summary>
    public void Feed(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty || (_bare && Nul))
        {
            return;
        }

        if (_afterCr && input[0] != (byte)'\n')
        {
            _bare = true; // CR at the end of the previous chunk, not followed by LF.
        }

        // Fast path: bytes without CR, LF or NUL need no look.
        var at = 0;
        while (true)
        {
            var next = input[at..].IndexOfAny((byte)'\r', (byte)'\n', (byte)0);
            if (next < 0)
            {
                break;
            }

            var i = at + next;
            switch (input[i])
            {
                case 0:
                    Nul = true;
                    break;
                case (byte)'\r':
                    if (i + 1 < input.Length && input[i + 1] != (byte)'\n')
                    {
                        _bare = true;
                    }

                    break;
                default: // LF
                    var before = i > 0 ? input[i - 1] == (byte)'\r' : _afterCr;
                    _bare |= !before;
                    break;
            }

            at = i + 1;
            if (at == input.Length)
            {
                break;
            }
        }

        _afterCr = input[^1] == (byte)'\r';
    }

    /// <summary>The content ended: a CR still waiting for its LF is bare.</summary>
    public void Complete()
    {
        _bare |= _afterCr;
        _afterCr = false;
    }
}
