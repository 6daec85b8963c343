using System.Text;
using Kakunin.Testing.Transcripts;

namespace Kakunin.Imap.Tests.Server;

/// <summary>
/// A parsed *.imap transcript: the shared format (tests/Shared/Transcripts/TranscriptScript.cs) plus
/// <c>M: folder flags|content</c>, a message stored before the session starts (flags space separated, content with the
/// same escapes as client text). A backslash before any other character stays, for the flags (<c>\Seen</c>).
/// </summary>
internal sealed record ImapTranscript(TranscriptScript Script, List<(string Folder, string[] Flags, string Content)> Messages)
{
    public static ImapTranscript Load(string path)
    {
        var messages = new List<(string Folder, string[] Flags, string Content)>();
        var script = TranscriptScript.Load(path, UnknownEscape.KeepBackslash, (kind, text) =>
        {
            if (kind != "M:")
            {
                return false;
            }

            var bar = text.IndexOf('|', StringComparison.Ordinal);
            var head = text[..bar].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            messages.Add((head[0], head[1..], Encoding.UTF8.GetString(TranscriptEscapes.Unescape(text[(bar + 1)..], UnknownEscape.KeepBackslash))));
            return true;
        });
        return new ImapTranscript(script, messages);
    }
}
