using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kakunin.Testing.Transcripts;

/// <summary>What a backslash before any other character means in a protocol's transcripts.</summary>
internal enum UnknownEscape
{
    /// <summary>A mistake in the transcript (SMTP: no command has a backslash of its own).</summary>
    Reject,

    /// <summary>The backslash is a character of the protocol and stays (IMAP: the flag <c>\Seen</c>).</summary>
    KeepBackslash,
}

/// <summary>
/// Client bytes written as text in a transcript: <c>\r \n \0 \\ \xHH</c> are escapes and <c>{N*c}</c> repeats the
/// character c N times; everything else is UTF-8.
/// </summary>
internal static partial class TranscriptEscapes
{
    public static byte[] Unescape(string text, UnknownEscape unknownEscape)
    {
        text = Repeat().Replace(text, m => new string(m.Groups[2].Value[0], int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                switch (text[i])
                {
                    case 'r': bytes.Add((byte)'\r'); break;
                    case 'n': bytes.Add((byte)'\n'); break;
                    case '0': bytes.Add(0); break;
                    case '\\': bytes.Add((byte)'\\'); break;
                    case 'x':
                        bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 2;
                        break;
                    default:
                        if (unknownEscape == UnknownEscape.Reject)
                        {
                            throw new FormatException($"Unknown escape \\{text[i]}");
                        }

                        bytes.Add((byte)'\\');
                        i--;
                        break;
                }
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"\{(\d+)\*(.)\}")]
    private static partial Regex Repeat();
}
