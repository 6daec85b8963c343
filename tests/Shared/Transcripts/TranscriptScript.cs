using System.Text.RegularExpressions;

namespace Kakunin.Testing.Transcripts;

/// <summary>
/// A transcript file in the line format the SMTP and IMAP server tests share. Lines: <c>O: Key=Value</c> option,
/// <c>C: text</c> client line (CRLF added), <c>R: text</c> raw client bytes (no CRLF), <c>S: text</c> exact server line,
/// <c>S~ regex</c> server line matching a regex, <c>B: text</c> expected backend call, in order. C and R text is
/// unescaped by <see cref="TranscriptEscapes"/>. Lines starting with # are comments. A protocol adds kinds of its own
/// through <c>ownLine</c>; any other kind is an error.
/// </summary>
/// <param name="ServerLines">Each a regex for one whole server line (exact lines escaped).</param>
internal sealed record TranscriptScript(string Name, Dictionary<string, string> Options, List<byte[]> ClientChunks, List<string> ServerLines, List<string> BackendLines)
{
    /// <param name="ownLine">Given the two-character kind and the text after it; true when it took the line.</param>
    public static TranscriptScript Load(string path, UnknownEscape unknownEscape, Func<string, string, bool>? ownLine = null)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var client = new List<byte[]>();
        var server = new List<string>();
        var backend = new List<string>();
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
                    client.Add(TranscriptEscapes.Unescape(text + "\\r\\n", unknownEscape));
                    break;
                case "R:":
                    client.Add(TranscriptEscapes.Unescape(text, unknownEscape));
                    break;
                case "S:":
                    server.Add(Regex.Escape(text));
                    break;
                case "S~":
                    server.Add(text);
                    break;
                case "B:":
                    backend.Add(text);
                    break;
                default:
                    if (ownLine?.Invoke(kind, text) != true)
                    {
                        throw new FormatException($"{path}: unknown line kind '{kind}'");
                    }

                    break;
            }
        }

        return new TranscriptScript(Path.GetFileNameWithoutExtension(path), options, client, server, backend);
    }
}
