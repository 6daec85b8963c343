using System.Text;
using System.Text.RegularExpressions;
using Kakunin.Protocol;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// The SMTP session transcript a prose bounce may carry (Sendmail "----- Transcript of session follows -----",
/// Courier's per-recipient transcript, MDaemon's "--&gt; / &lt;--" log): the commands the reporting MTA sent
/// ("&gt;&gt;&gt; RCPT To:&lt;x&gt;") and the replies it got ("&lt;&lt;&lt; 550 ..."). Read so that each recipient gets
/// its own reply and the stage it was refused at, not the first reply of the report.
/// </summary>
/// <remarks>
/// Hand-written: no library reads MTA transcripts. The rules, from the MTAs' own output:
/// a failing reply (4xx/5xx, RFC 5321 §4.2.1) to RCPT belongs to the address of that RCPT; a failing reply
/// to MAIL, DATA or the end of data belongs to the recipient whose heading line ("&lt;addr&gt;:" alone on its
/// line, Courier) precedes the transcript, else to every recipient of the report that has no reply of its own.
/// Sendmail's list of failed addresses ("&lt;addr&gt;" without the colon) is not a heading.
/// </remarks>
internal static partial class SessionTranscript
{
    /// <summary>One failing reply: the command it answered (<see cref="BounceText.SmtpCommands"/>) and its text.</summary>
    public sealed record Reply(string Command, string Text);

    /// <summary>What the transcript says: replies by recipient, and a session-wide one for the rest.</summary>
    public sealed record Replies(IReadOnlyDictionary<string, Reply> ByRecipient, Reply? ForOthers)
    {
        public static readonly Replies None = new(new Dictionary<string, Reply>(), null);

        public Reply? For(string address) =>
            ByRecipient.FirstOrDefault(p => MailboxIdentity.Same(p.Key, address)).Value ?? ForOthers;
    }

    /// <summary>Does the text hold a transcript at all (cheap test before <see cref="Read"/>)?</summary>
    public static bool Present(string text) =>
        text.Contains(">>> ", StringComparison.Ordinal) || text.Contains("--> ", StringComparison.Ordinal);

    public static Replies Read(IReadOnlyList<string> lines)
    {
        var byRecipient = new Dictionary<string, Reply>(StringComparer.OrdinalIgnoreCase);
        Reply? forOthers = null;
        string? command = null;
        string? rcptAddress = null;
        string? heading = null;
        StringBuilder? reply = null;
        string? replyOwner = null;
        string? replyCommand = null;

        void Flush()
        {
            if (reply is null || replyCommand is null)
            {
                reply = null;
                return;
            }

            var found = new Reply(replyCommand, reply.ToString());
            if (replyOwner is not null)
            {
                byRecipient.TryAdd(replyOwner, found);
            }
            else
            {
                forOthers ??= found;
            }

            reply = null;
        }

        foreach (var raw in lines)
        {
            var line = Arrows(raw.TrimStart());
            if (line.StartsWith(">>>", StringComparison.Ordinal))
            {
                Flush();
                var sent = line[3..].Trim();
                command = CommandOf(sent);
                rcptAddress = command == BounceText.SmtpCommands.RcptTo ? AngleAddress(sent) : null;
                continue;
            }

            if (line.StartsWith("<<<", StringComparison.Ordinal))
            {
                var text = line[3..].Trim();
                var code = BounceText.ReplyCode(text);
                if (reply is not null && code is not null && IsContinuationOf(text, reply))
                {
                    reply.Append(' ').Append(text);
                    continue;
                }

                Flush();
                if (command is null || code is not (>= 400 and < 600))
                {
                    continue;
                }

                replyCommand = command;
                replyOwner = command == BounceText.SmtpCommands.RcptTo ? rcptAddress : heading;
                reply = new StringBuilder(text);
                continue;
            }

            Flush();
            // A heading naming one recipient ("<addr>:" in Courier) owns the transcript lines that follow it.
            if (HeadingPattern().Match(line) is { Success: true } m)
            {
                heading = m.Groups["addr"].Value;
                command = null;
            }
        }

        Flush();
        return byRecipient.Count == 0 && forOthers is null ? Replies.None : new Replies(byRecipient, forOthers);
    }

    // "550-5.7.1 first line" then "550 5.7.1 last line": the same reply (RFC 5321 §4.2.1 multiline).
    private static bool IsContinuationOf(string text, StringBuilder reply) =>
        reply.Length > 3 && reply[3] == '-' && text.Length > 3 && text.AsSpan(0, 3).SequenceEqual(reply.ToString(0, 3));

    private static string? CommandOf(string sent)
    {
        var upper = sent.ToUpperInvariant();
        return upper switch
        {
            _ when upper.StartsWith("RCPT", StringComparison.Ordinal) => BounceText.SmtpCommands.RcptTo,
            _ when upper.StartsWith("MAIL", StringComparison.Ordinal) => BounceText.SmtpCommands.MailFrom,
            _ when upper.StartsWith("DATA", StringComparison.Ordinal) || upper == "." || upper.StartsWith("BDAT", StringComparison.Ordinal) => BounceText.SmtpCommands.Data,
            _ when upper.StartsWith("EHLO", StringComparison.Ordinal) || upper.StartsWith("HELO", StringComparison.Ordinal) => BounceText.SmtpCommands.Helo,
            _ => null,
        };
    }

    private static string? AngleAddress(string sent)
    {
        var match = AngleAddressPattern().Match(sent);
        return match.Success ? match.Groups["addr"].Value : BounceText.SplitAddresses(sent).FirstOrDefault();
    }

    // MDaemon writes "<time>: --> RCPT To:<...>" and "<time>: <-- 550 ...": the same sent / received lines.
    private static string Arrows(string line)
    {
        if (line.StartsWith(">>>", StringComparison.Ordinal) || line.StartsWith("<<<", StringComparison.Ordinal))
        {
            return line;
        }

        var sent = line.IndexOf("--> ", StringComparison.Ordinal);
        if (sent is >= 0 and < 40)
        {
            return ">>> " + line[(sent + 4)..];
        }

        var received = line.IndexOf("<-- ", StringComparison.Ordinal);
        return received is >= 0 and < 40 ? "<<< " + line[(received + 4)..] : line;
    }

    [GeneratedRegex(@"<(?<addr>[^<>\s@]+@[^<>\s@]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex AngleAddressPattern();

    [GeneratedRegex(@"^<(?<addr>[^<>\s@]+@[^<>\s@]+)>:\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingPattern();
}
