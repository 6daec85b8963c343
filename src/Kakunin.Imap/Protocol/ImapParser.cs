using System.Globalization;
using System.Text;

namespace Kakunin.Imap.Protocol;

/// <summary>
/// Reads the tokens of one command (RFC 9051 §9 formal syntax) from an <see cref="ImapCommandBuffer"/>: atoms,
/// numbers, quoted strings, literals, lists. Every failure is an <see cref="ImapParseException"/>.
/// </summary>
public sealed class ImapParser
{
    /// <summary>Deepest nesting of parentheses accepted (SEARCH programs, LIST options, fetch attributes).</summary>
    public const int MaxDepth = 32;

    private readonly ReadOnlyMemory<byte> _bytes;
    private int _position;

    public ImapParser(ReadOnlyMemory<byte> bytes, bool utf8)
    {
        _bytes = bytes;
        Utf8 = utf8;
    }

    /// <summary>Whether UTF-8 is allowed in quoted strings (IMAP4rev2 or UTF8=ACCEPT, RFC 6855 §3).</summary>
    public bool Utf8 { get; }

    public bool AtEnd => _position >= _bytes.Length;

    public int Position => _position;

    private ReadOnlySpan<byte> Span => _bytes.Span;

    /// <summary>The next byte without taking it; -1 at the end.</summary>
    public int Peek() => AtEnd ? -1 : Span[_position];

    /// <summary>Takes <paramref name="c"/> when it comes next.</summary>
    public bool TryTake(char c)
    {
        if (Peek() == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    public void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw new ImapParseException(c == ' ' ? "Missing argument" : $"Expected '{c}'");
        }
    }

    public void Space() => Expect(' ');

    /// <summary>The command must end here.</summary>
    public void End()
    {
        if (!AtEnd)
        {
            throw new ImapParseException("Unexpected extra arguments");
        }
    }

    /// <summary>An atom (RFC 9051 ATOM-CHAR); with <paramref name="allowBracket"/>, "]" too (ASTRING-CHAR).</summary>
    public string Atom(bool allowBracket = false)
    {
        var start = _position;
        while (!AtEnd && IsAtomChar(Span[_position], allowBracket))
        {
            _position++;
        }

        if (_position == start)
        {
            throw new ImapParseException("Expected an atom");
        }

        return Encoding.ASCII.GetString(Span[start.._position]);
    }

    /// <summary>An atom made of the characters a fetch attribute or search key may use ("BODY.PEEK", "RFC822.SIZE").</summary>
    public string Keyword()
    {
        var start = _position;
        while (!AtEnd && IsAtomChar(Span[_position], false) && Span[_position] != '[')
        {
            _position++;
        }

        if (_position == start)
        {
            throw new ImapParseException("Expected a keyword");
        }

        return Encoding.ASCII.GetString(Span[start.._position]);
    }

    /// <summary>An astring: an atom (with "]") or a string.</summary>
    public string AString() => Peek() is '"' or '{' or '~' ? Text(String()) : Atom(allowBracket: true);

    /// <summary>An astring as octets (passwords: any octet but NUL, CR, LF).</summary>
    public ReadOnlyMemory<byte> AStringBytes()
    {
        if (Peek() is '"' or '{' or '~')
        {
            return String();
        }

        var start = _position;
        Atom(allowBracket: true);
        return _bytes[start.._position];
    }

    /// <summary>NIL or a string.</summary>
    public string? NString()
    {
        if (Peek() is 'N' or 'n' && _position + 3 <= _bytes.Length && Ascii.EqualsIgnoreCase(Span.Slice(_position, 3), "NIL"u8))
        {
            _position += 3;
            return null;
        }

        return Text(String());
    }

    /// <summary>A quoted string (unescaped) or a literal's octets.</summary>
    public ReadOnlyMemory<byte> String()
    {
        if (Peek() == '"')
        {
            return Quoted();
        }

        return Literal(out _);
    }

    /// <summary>A literal <c>{n}</c>, <c>{n+}</c> or literal8 <c>~{n}</c> (RFC 3516) and its octets.</summary>
    public ReadOnlyMemory<byte> Literal(out bool isBinary)
    {
        isBinary = TryTake('~');
        Expect('{');
        var length = Number64();
        TryTake('+');
        Expect('}');
        Expect('\r');
        Expect('\n');
        if (length > (ulong)(_bytes.Length - _position))
        {
            throw new ImapParseException("Literal shorter than announced");
        }

        var content = _bytes.Slice(_position, (int)length);
        _position += (int)length;
        if (!isBinary && content.Span.Contains((byte)0))
        {
            throw new ImapParseException("NUL in a literal"); // RFC 9051 §4.3: only literal8 may carry NUL
        }

        return content;
    }

    /// <summary>A decimal number (RFC 9051 number: up to 2^32-1).</summary>
    public uint Number()
    {
        var value = Number64();
        return value > uint.MaxValue ? throw new ImapParseException("Number too large") : (uint)value;
    }

    /// <summary>A decimal number up to 2^63-1 (RFC 9051 number64, RFC 7162 mod-sequence-value).</summary>
    public ulong Number64()
    {
        var start = _position;
        ulong value = 0;
        while (!AtEnd && Span[_position] is >= (byte)'0' and <= (byte)'9')
        {
            if (value > (long.MaxValue - 9) / 10)
            {
                throw new ImapParseException("Number too large");
            }

            value = (value * 10) + (ulong)(Span[_position] - '0');
            _position++;
        }

        return _position == start ? throw new ImapParseException("Expected a number") : value;
    }

    /// <summary>A non-zero number (nz-number).</summary>
    public uint NzNumber()
    {
        var n = Number();
        return n == 0 ? throw new ImapParseException("Expected a non-zero number") : n;
    }

    /// <summary>A sequence set (RFC 9051 sequence-set) with "*".</summary>
    public SequenceSet SequenceSet()
    {
        var ranges = new List<SequenceRange>();
        do
        {
            var first = SeqNumber();
            var last = first;
            if (TryTake(':'))
            {
                last = SeqNumber();
            }

            ranges.Add(first <= last ? new SequenceRange(first, last) : new SequenceRange(last, first));
        }
        while (TryTake(','));
        return new SequenceSet(ranges);
    }

    /// <summary>A parenthesised list of flags (RFC 9051 flag-list); each must be a system flag or a keyword atom.</summary>
    public List<string> FlagList()
    {
        Expect('(');
        var flags = new List<string>();
        while (!TryTake(')'))
        {
            if (flags.Count > 0)
            {
                Space();
            }

            flags.Add(Flag());
        }

        return flags;
    }

    /// <summary>One flag: "\" atom (a system flag, checked) or a keyword atom.</summary>
    public string Flag()
    {
        if (TryTake('\\'))
        {
            var name = Atom();
            return ImapFlags.SystemFlag(name) ?? throw new ImapParseException($"Invalid system flag \\{name}");
        }

        return Atom();
    }

    /// <summary>Whether the next bytes are the word <paramref name="word"/> (case-insensitive) followed by a delimiter; takes it when they are.</summary>
    public bool TryWord(string word)
    {
        var end = _position + word.Length;
        if (end > _bytes.Length || !Ascii.EqualsIgnoreCase(Span.Slice(_position, word.Length), Encoding.ASCII.GetBytes(word)))
        {
            return false;
        }

        if (end < _bytes.Length && IsAtomChar(Span[end], false) && Span[end] != '[')
        {
            return false;
        }

        _position = end;
        return true;
    }

    /// <summary>Decodes text octets as UTF-8; invalid UTF-8 is a syntax error.</summary>
    public static string Text(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw new ImapParseException("Invalid UTF-8");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private uint SeqNumber()
    {
        if (TryTake('*'))
        {
            return uint.MaxValue;
        }

        return NzNumber();
    }

    private ReadOnlyMemory<byte> Quoted()
    {
        Expect('"');
        var start = _position;
        var escaped = false;
        var plain = true;
        while (true)
        {
            if (AtEnd)
            {
                throw new ImapParseException("Unterminated quoted string");
            }

            var b = Span[_position];
            if (b is (byte)'\r' or (byte)'\n' or 0)
            {
                throw new ImapParseException("Invalid character in a quoted string");
            }

            if (b >= 0x80 && !Utf8)
            {
                throw new ImapParseException("8-bit data in a quoted string"); // RFC 9051 §4.3 for rev1; UTF-8 only after ENABLE
            }

            if (b == '\\')
            {
                plain = false;
                _position++;
                if (AtEnd || Span[_position] is not ((byte)'\\' or (byte)'"'))
                {
                    throw new ImapParseException("Invalid escape in a quoted string");
                }
            }
            else if (b == '"')
            {
                break;
            }

            _position++;
        }

        var raw = _bytes[start.._position];
        _position++;
        if (plain)
        {
            return raw;
        }

        var copy = new List<byte>(raw.Length);
        foreach (var b in raw.Span)
        {
            if (escaped || b != '\\')
            {
                copy.Add(b);
                escaped = false;
            }
            else
            {
                escaped = true;
            }
        }

        return copy.ToArray();
    }

    // RFC 9051 §9: ATOM-CHAR is any CHAR except atom-specials: "(" ")" "{" SP CTL "%" "*" DQUOTE "\" "]".
    private static bool IsAtomChar(byte b, bool allowBracket) =>
        b is > 0x20 and < 0x7F && b is not ((byte)'(' or (byte)')' or (byte)'{' or (byte)'%' or (byte)'*' or (byte)'"' or (byte)'\\')
        && (allowBracket || b != ']');

    /// <summary>The current position as text, for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"at {_position}");
}
