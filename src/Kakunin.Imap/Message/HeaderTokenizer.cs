using System.Text;

namespace Kakunin.Imap.Message;

/// <summary>
/// Reads the lexical pieces of a structured header value (RFC 5322 §3.2, RFC 2045 §5.1): comments and folding
/// whitespace, atoms, MIME tokens, quoted strings, domain literals. Text is kept as Latin-1 "byte strings" so the
/// original octets (raw UTF-8 too) come back unchanged when written.
/// </summary>
internal ref struct HeaderTokenizer(ReadOnlySpan<byte> value)
{
    // Reusable builders per thread (neither method calls itself): quoted strings and comments are read for every
    // address of every ENVELOPE.
    [ThreadStatic]
    private static StringBuilder? quotedText;
    [ThreadStatic]
    private static StringBuilder? commentText;

    private readonly ReadOnlySpan<byte> value = value;

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= value.Length;

    public readonly byte Current => value[Position];

    /// <summary>Skips whitespace, line breaks and (nested) comments; returns the text of the last comment seen.</summary>
    public string? SkipCfws()
    {
        string? comment = null;
        while (!AtEnd)
        {
            var c = value[Position];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                Position++;
            }
            else if (c == '(')
            {
                comment = ReadComment();
            }
            else
            {
                break;
            }
        }

        return comment;
    }

    /// <summary>A MIME token (RFC 2045 §5.1): no space, controls or tspecials. Empty when none.</summary>
    public string ReadMimeToken() => ReadWhile(static c => c > 0x20 && c != 0x7F && !"()<>@,;:\\\"/[]?="u8.Contains(c));

    /// <summary>An atom (RFC 5322 §3.2.3): no space, controls or specials. Empty when none.</summary>
    public string ReadAtom() => ReadWhile(static c => c > 0x20 && c != 0x7F && !"()<>[]:;@\\,.\""u8.Contains(c));

    /// <summary>A dot-atom or atom run including dots (lenient, as mail software writes local parts).</summary>
    public string ReadDotAtom() => ReadWhile(static c => c > 0x20 && c != 0x7F && !"()<>[]:;@\\,\""u8.Contains(c));

    /// <summary>A quoted string at the current '"', without its quotes and with quoted-pairs resolved.</summary>
    public string ReadQuotedString()
    {
        var text = (quotedText ??= new StringBuilder(64)).Clear();
        Position++;
        while (!AtEnd)
        {
            var c = value[Position++];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c == '\\' && !AtEnd)
            {
                c = value[Position++];
            }
            else if (c is (byte)'\r' or (byte)'\n')
            {
                // Folding inside a quoted string: the line break goes, the whitespace after it stays.
                continue;
            }

            text.Append((char)c);
        }

        return text.ToString();
    }

    /// <summary>A domain literal at '[' up to and including ']'.</summary>
    public string ReadDomainLiteral()
    {
        var start = Position;
        while (!AtEnd && value[Position] != ']')
        {
            Position++;
        }

        if (!AtEnd)
        {
            Position++;
        }

        return Latin1(value[start..Position]);
    }

    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private string ReadComment()
    {
        var text = (commentText ??= new StringBuilder(64)).Clear();
        var depth = 0;
        while (!AtEnd)
        {
            var c = value[Position++];
            if (c == '(')
            {
                if (depth++ > 0)
                {
                    text.Append('(');
                }
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    break;
                }

                text.Append(')');
            }
            else if (c == '\\' && !AtEnd)
            {
                text.Append((char)value[Position++]);
            }
            else if (c is not ((byte)'\r' or (byte)'\n'))
            {
                text.Append((char)c);
            }
        }

        return text.ToString();
    }

    private string ReadWhile(Func<byte, bool> accept)
    {
        var start = Position;
        while (!AtEnd && accept(value[Position]))
        {
            Position++;
        }

        return Latin1(value[start..Position]);
    }
}
