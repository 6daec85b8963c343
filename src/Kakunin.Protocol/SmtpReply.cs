using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Kakunin.Protocol;

/// <summary>
/// An SMTP reply (RFC 5321 §4.2): a three-digit code, an optional enhanced status code
/// (RFC 2034 §4: when present it starts the text of every line) and one or more text lines.
/// </summary>
public sealed record SmtpReply
{
    private readonly string[] _lines;

    /// <summary>Creates a reply; text lines must not contain CR or LF.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is not 2xx–5xx with second digit 0–5.</exception>
    /// <exception cref="ArgumentException">A line contains CR, LF or NUL, or no line is given.</exception>
    public SmtpReply(int code, EnhancedStatusCode? enhancedCode, params IEnumerable<string> lines)
    {
        // RFC 5321 §4.2: first digit 2–5 for replies a server sends (1yz is unused), second 0–5.
        if (code is < 200 or > 599 || code / 10 % 10 > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Reply code must be 2xx–5xx with a second digit 0–5.");
        }

        // RFC 2034 §4: the enhanced code's class matches the reply's first digit.
        if (enhancedCode is { } e && e.Class != code / 100)
        {
            throw new ArgumentException($"Enhanced code {e} does not match reply code {code}.", nameof(enhancedCode));
        }

        ArgumentNullException.ThrowIfNull(lines);
        _lines = [.. lines];
        if (_lines.Length == 0)
        {
            _lines = [string.Empty];
        }

        foreach (var line in _lines)
        {
            if (line is null || line.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw new ArgumentException("Reply text lines must not contain CR, LF or NUL.", nameof(lines));
            }
        }

        Code = code;
        EnhancedCode = enhancedCode;
    }

    public int Code { get; }

    public EnhancedStatusCode? EnhancedCode { get; }

    /// <summary>The text of each line, without the codes.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>True for 2xx and 3xx replies.</summary>
    public bool IsPositive => Code < 400;

    /// <summary>True for 4xx replies (RFC 5321 §4.2.1: transient negative completion).</summary>
    public bool IsTransientFailure => Code is >= 400 and < 500;

    /// <summary>True for 5xx replies (RFC 5321 §4.2.1: permanent negative completion).</summary>
    public bool IsPermanentFailure => Code >= 500;

    /// <summary>
    /// The reply exactly as sent on the wire: <c>250-first</c> … <c>250 last</c>, each line ended
    /// by CRLF (RFC 5321 §4.2.1), with the enhanced code before the text of every line (RFC 2034 §4).
    /// </summary>
    public string Format()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _lines.Length; i++)
        {
            sb.Append(Code.ToString(CultureInfo.InvariantCulture));
            sb.Append(i == _lines.Length - 1 ? ' ' : '-');
            if (EnhancedCode is { } e)
            {
                sb.Append(e.ToString());
                if (_lines[i].Length > 0)
                {
                    sb.Append(' ');
                }
            }

            sb.Append(_lines[i]).Append("\r\n");
        }

        return sb.ToString();
    }

    public override string ToString() => Format().TrimEnd('\r', '\n');

    public bool Equals(SmtpReply? other) =>
        other is not null && Code == other.Code && EnhancedCode == other.EnhancedCode && _lines.SequenceEqual(other._lines);

    public override int GetHashCode() => HashCode.Combine(Code, EnhancedCode, _lines.Length, _lines[0]);

    /// <summary>
    /// Parses a complete reply of one or more lines ended by CRLF (a bare LF is accepted as
    /// a line end too, and the final line end may be missing). Every line must carry the same
    /// code, all but the last with "-" and the last with SP or nothing (RFC 5321 §4.2).
    /// The enhanced code is taken when every line starts with the same one, matching the
    /// reply's class (RFC 2034 §4); otherwise the text is kept whole.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SmtpReply? reply)
    {
        reply = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var raw = text.EndsWith('\n') ? text[..^1] : text;
        raw = raw.EndsWith('\r') ? raw[..^1] : raw;
        var rawLines = raw.Split('\n');
        var code = -1;
        var texts = new string[rawLines.Length];
        for (var i = 0; i < rawLines.Length; i++)
        {
            var line = rawLines[i].EndsWith('\r') ? rawLines[i][..^1] : rawLines[i];
            if (line.Length < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2]) || line.AsSpan().IndexOfAny('\r', '\0') >= 0)
            {
                return false;
            }

            var lineCode = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
            if (code != -1 && lineCode != code)
            {
                return false;
            }

            code = lineCode;
            var last = i == rawLines.Length - 1;
            if (line.Length == 3)
            {
                if (!last)
                {
                    return false;
                }

                texts[i] = string.Empty;
                continue;
            }

            if (line[3] != (last ? ' ' : '-'))
            {
                return false;
            }

            texts[i] = line[4..];
        }

        if (code is < 200 or > 599 || code / 10 % 10 > 5)
        {
            return false;
        }

        var enhanced = CommonEnhancedCode(code, texts);
        if (enhanced is not null)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                var space = texts[i].IndexOf(' ', StringComparison.Ordinal);
                texts[i] = space < 0 ? string.Empty : texts[i][(space + 1)..];
            }
        }

        reply = new SmtpReply(code, enhanced, texts);
        return true;
    }

    private static EnhancedStatusCode? CommonEnhancedCode(int code, string[] texts)
    {
        EnhancedStatusCode? common = null;
        foreach (var t in texts)
        {
            var space = t.IndexOf(' ', StringComparison.Ordinal);
            var candidate = space < 0 ? t : t[..space];
            if (!EnhancedStatusCode.TryParse(candidate, out var e) || e.Value.Class != code / 100 || (common is not null && common != e))
            {
                return null;
            }

            common = e;
        }

        return common;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
