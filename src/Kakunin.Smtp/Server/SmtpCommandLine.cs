using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kakunin.Smtp.Server;

/// <summary>
/// One command line split into its verb (upper-cased) and the rest (RFC 5321 §4.1.1: verb, then SP and arguments).
/// Pure: parsed from the bytes of one line without its line end.
/// </summary>
/// <param name="Verb">The command word, upper-case ASCII (verbs are case-insensitive, RFC 5321 §2.4).</param>
/// <param name="Arguments">Everything after the first space, trailing spaces removed; empty when none.</param>
public sealed record SmtpCommandLine(string Verb, string Arguments)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Parses a line without its CRLF. Fails on CR or NUL inside the line and on invalid UTF-8 (RFC 6531 §3.3 lets
    /// SMTPUTF8 commands carry UTF-8; anything else is not a command).
    /// </summary>
    public static bool TryParse(ReadOnlySequence<byte> line, [NotNullWhen(true)] out SmtpCommandLine? command)
    {
        command = null;
        if (line.PositionOf((byte)'\r') is not null || line.PositionOf((byte)0) is not null)
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verb = space < 0 ? text : text[..space];
        var arguments = space < 0 ? string.Empty : text[(space + 1)..].TrimEnd(' ');
        if (!Ascii.IsValid(verb))
        {
            return false;
        }

        command = new SmtpCommandLine(verb.ToUpperInvariant(), arguments);
        return true;
    }
}
