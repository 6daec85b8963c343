using MimeKit;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// The original message as the DSN needs it: its header block byte for byte, its Message-ID and
/// References, and the whole message.
/// </summary>
internal sealed class DsnOriginal
{
    private readonly ReadOnlyMemory<byte> bytes;

    private DsnOriginal(ReadOnlyMemory<byte> bytes) => this.bytes = bytes;

    public static DsnOriginal? From(DsnComposeRequest request)
    {
        if (request.OriginalBytes is { } raw)
        {
            return new DsnOriginal(raw);
        }

        if (request.OriginalMessage is { } message)
        {
            using var stream = new MemoryStream();
            message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream);
            return new DsnOriginal(stream.ToArray());
        }

        return null;
    }

    /// <summary>
    /// All the header lines, folding and all, up to and including the line end of the last one
    /// (never cut: a truncated header block breaks list managers matching bounces).
    /// </summary>
    public ReadOnlyMemory<byte> HeaderBytes => bytes[..HeaderLength(bytes.Span)];

    public bool IsAscii => System.Text.Ascii.IsValid(bytes.Span);

    public bool HeadersAreAscii => System.Text.Ascii.IsValid(HeaderBytes.Span);

    public MimeMessage Load()
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return MimeMessage.Load(stream);
    }

    public HeaderList LoadHeaders()
    {
        using var stream = new MemoryStream(HeaderBytes.ToArray(), writable: false);
        return HeaderList.Load(stream);
    }

    // RFC 5322 §2.1: the header section ends at the first empty line. Accepts CRLF or bare LF.
    private static int HeaderLength(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0 && data[0] == (byte)'\n')
        {
            return 0;
        }

        if (data.Length > 1 && data[0] == (byte)'\r' && data[1] == (byte)'\n')
        {
            return 0;
        }

        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != (byte)'\n')
            {
                continue;
            }

            var next = i + 1;
            if (next < data.Length && data[next] == (byte)'\n')
            {
                return next;
            }

            if (next + 1 < data.Length && data[next] == (byte)'\r' && data[next + 1] == (byte)'\n')
            {
                return next;
            }
        }

        return data.Length;
    }
}
