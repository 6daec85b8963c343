using System.Text;

namespace Kakunin.Fuzz;

/// <summary>
/// Checks the bytes a server sent: every line ends in CRLF, carries a 2xx–5xx code and "-"/" " (RFC 5321 §4.2),
/// continuation lines repeat the code, the first reply is 220, nothing follows a 221 or 421 (the session closes),
/// and after a successful EHLO every 2xx/4xx/5xx reply carries an enhanced code of its class (RFC 2034 §4).
/// </summary>
internal static class ReplyChecker
{
    /// <summary>The replies found, as (code, first line text); or a failure description.</summary>
    public static (List<(int Code, string Text)> Replies, string? Failure) Check(byte[] output, string hostName)
    {
        var replies = new List<(int, string)>();
        var text = Encoding.UTF8.GetString(output);
        if (text.Length > 0 && !text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            return (replies, "output does not end with CRLF");
        }

        var lines = text.Length == 0 ? [] : text[..^2].Split("\r\n");
        var pending = -1;
        var ehlo = false;
        var closed = false;
        var multi = new List<string>();
        foreach (var line in lines)
        {
            if (line.Contains('\r', StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal) || line.Contains('\0', StringComparison.Ordinal))
            {
                return (replies, "bare CR, LF or NUL in a reply line");
            }

            if (line.Length < 3 || !line[..3].All(char.IsAsciiDigit) || line[0] is < '2' or > '5' || (line.Length > 3 && line[3] is not (' ' or '-')))
            {
                return (replies, "reply line without code | " + Shorten(line));
            }

            var code = int.Parse(line.AsSpan(0, 3), provider: null);
            if (pending != -1 && code != pending)
            {
                return (replies, "continuation line with another code");
            }

            if (closed)
            {
                return (replies, "reply after 221/421");
            }

            multi.Add(line.Length > 4 ? line[4..] : string.Empty);
            if (line.Length > 3 && line[3] == '-')
            {
                pending = code;
                continue;
            }

            pending = -1;
            var first = multi[0];
            var isEhloReply = code == 250 && multi.Contains("ENHANCEDSTATUSCODES");
            multi.Clear();
            replies.Add((code, first));
            if (replies.Count == 1)
            {
                if (code != 220)
                {
                    return (replies, "first reply is not 220");
                }

                continue;
            }

            if (isEhloReply)
            {
                ehlo = true;
                continue;
            }

            if (code == 250 && first == hostName)
            {
                ehlo = false; // HELO: no extensions, no enhanced codes (RFC 2034 §3)
                continue;
            }

            if (ehlo && code / 100 != 3 && !HasEnhancedCode(first, code / 100))
            {
                return (replies, $"no enhanced code after EHLO | {code} {Shorten(first)}");
            }

            if (code == 220)
            {
                ehlo = false; // TLS started: the session forgets EHLO (RFC 3207 §4.2)
            }

            closed = code is 221 or 421;
        }

        return pending != -1 ? (replies, "multi-line reply without last line")
            : replies.Count == 0 ? (replies, "no greeting")
            : (replies, null);
    }

    private static bool HasEnhancedCode(string text, int cls)
    {
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        var token = end < 0 ? text : text[..end];
        var parts = token.Split('.');
        return parts.Length == 3 && parts[0] == cls.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && parts[1].Length is >= 1 and <= 3 && parts[1].All(char.IsAsciiDigit)
            && parts[2].Length is >= 1 and <= 3 && parts[2].All(char.IsAsciiDigit);
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
