using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kakunin.Imap.Tests.Server;

/// <summary>
/// A parsed *.imap transcript. Lines: <c>O: Key=Value</c> option, <c>C: text</c> client line (CRLF added),
/// <c>R: text</c> raw client bytes (no CRLF), <c>S: text</c> exact server line, <c>S~ regex</c> server line matching
/// a regex, <c>B: text</c> expected backend call, in order, <c>M: folder flags|content</c> a message stored before the session starts (flags space separated, content with escapes). In C/R text, <c>\r \n \0 \\ \xHH</c> are escapes and
/// <c>{N*c}</c> repeats the character c N times. Lines starting with # are comments.
/// </summary>
internal sealed record Transcript(string Name, Dictionary<string, string> Options, List<byte[]> ClientChunks, List<string> ServerLines, List<string> BackendLines, List<(string Folder, string[] Flags, string Content)> Messages)
{
    public static Transcript Load(string path)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var client = new List<byte[]>();
        var server = new List<string>();
        var backend = new List<string>();
        var messages = new List<(string Folder, string[] Flags, string Content)>();
        foreach (var raw in File.ReadAllLines(path))
        {
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var kind = raw[..2];
            var text = raw.Length > 3 ? raw[3..] : string.Empty;
            switch (kind)
            {
                case "O:":
                    var eq = text.IndexOf('=', StringComparison.Ordinal);
                    options[text[..eq].Trim()] = text[(eq + 1)..].Trim();
                    break;
                case "C:":
                    client.Add(Unescape(text + "\\r\\n"));
                    break;
                case "R:":
                    client.Add(Unescape(text));
                    break;
                case "S:":
                    server.Add(Regex.Escape(text));
                    break;
                case "S~":
                    server.Add(text);
                    break;
                case "M:":
                    var bar = text.IndexOf('|', StringComparison.Ordinal);
                    var head = text[..bar].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    messages.Add((head[0], head[1..], Encoding.UTF8.GetString(Unescape(text[(bar + 1)..]))));
                    break;
                case "B:":
                    backend.Add(text);
                    break;
                default:
                    throw new FormatException($"{path}: unknown line kind '{kind}'");
            }
        }

        return new Transcript(Path.GetFileNameWithoutExtension(path), options, client, server, backend, messages);
    }

    private static byte[] Unescape(string text)
    {
        text = Regex.Replace(text, @"\{(\d+)\*(.)\}", m => new string(m.Groups[2].Value[0], int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
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
                    default: // an IMAP flag (\Seen): the backslash stays
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
}
