using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis.Recognisers;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// Reading prose bounces: recipient lines and the block of text that follows each, the reply code,
/// enhanced status code and remote host inside that text, and the one line worth showing a user.
/// Shared by the text recognisers of every MTA family.
/// </summary>
internal static partial class BounceText
{
    /// <summary>Most text read from one block, so a hostile report cannot make the diagnostic grow without end.</summary>
    private const int MaxBlockChars = 4000;

    private static readonly string[] DelayPhrases =
    [
        "has been delayed", "delivery delayed", "delivery is delayed", "not yet been delivered", "will continue to try",
        "will keep trying", "still trying", "will be retried", "will retry", "temporarily deferred", "delivery has been postponed",
        "warning: message", "delayed mail", "delivery status notification (delay)", "delivery delay", "are still being retried",
        "has not been delivered yet", "currently unable to deliver", "will try again",
    ];

    private static readonly string[] PermanentPhrases =
    [
        "permanent", "giving up", "given up", "gave up", "failed permanently", "could not be delivered", "was not delivered",
        "undeliverable", "too long", "retry timeout exceeded", "has expired", "no further attempts",
    ];

    private static readonly PhraseMatcher DelayMatcher = new(DelayPhrases.Select(p => (p, 0)));
    private static readonly PhraseMatcher PermanentMatcher = new(PermanentPhrases.Select(p => (p, 0)));

    // Words every alternative of FailedCommandPattern contains: a text without any of them cannot match, and
    // one vectorised search says so faster than the regex, whose alternatives start with common letters.
    private static readonly System.Buffers.SearchValues<string> FailedCommandWords = TextSearch.Phrases(
        "in reply to", "after ", "does not li", "but sender was rejected", "but greeting failed", "refused to ",
        "SMTP error from remote", "[RCPT_TO]", "[MAIL_FROM]", "[DATA]");

    private static readonly string[] DiagnosticCuts =
    [
        " (in reply to", "giving up on", "[rcpt_to]", "[data]", "[mail_from]", "i'm not going to try again",
    ];

    /// <summary>
    /// Finds the recipients of a prose bounce: the lines that begin with an address, each with the
    /// lines that follow it up to a blank line or the next recipient. Falls back to addresses anywhere
    /// in the text, then to X-Failed-Recipients, then to the To of the returned message.
    /// </summary>
    public static List<RawOutcome> Scan(ReportContext context, Func<string, bool>? isRecipientLine = null)
    {
        var blocks = RecipientBlocks(context, isRecipientLine);
        var wider = context.SubjectAndText;
        var action = ActionFromText(wider);
        var outcomes = new List<RawOutcome>(blocks.Count);
        foreach (var block in blocks)
        {
            outcomes.Add(ReadBlock(context, block, blocks.Count) with { Action = action, Context = wider });
        }

        return outcomes;
    }

    /// <summary>The recipient blocks <see cref="Scan"/> reads: each address with the text that follows it.</summary>
    public static List<(string Address, string Text)> RecipientBlocks(ReportContext context, Func<string, bool>? isRecipientLine = null)
    {
        // A recipient line is evidence enough even when it names the report's own addressee (mail to oneself).
        var blocks = FindBlocks(context.ReadableLines, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { context.From }, isRecipientLine);
        if (blocks.Count == 0)
        {
            blocks = FindInlineAddresses(context.ReadableLines, ExcludedAddresses(context));
        }

        if (blocks.Count == 0)
        {
            blocks = SplitAddresses(context.Header("X-Failed-Recipients")).Select(a => (a, string.Empty)).ToList();
        }

        if (blocks.Count == 0 && SplitAddresses(context.OriginalHeader("To")).FirstOrDefault() is { } originalTo)
        {
            blocks.Add((originalTo, string.Empty));
        }

        return blocks;
    }

    /// <summary>
    /// What one of the <paramref name="blockCount"/> recipient blocks says: the command, codes, words and host.
    /// Without the action and wider text, which <see cref="Scan"/> adds and a DSN's own fields give.
    /// </summary>
    /// <param name="status">False when the caller reads the status elsewhere (a DSN's Status field): not read here.</param>
    /// <param name="command">False when the caller knows the SMTP command already: the block's is not looked for.</param>
    public static RawOutcome ReadBlock(ReportContext context, (string Address, string Text) block, int blockCount, bool status = true, bool command = true)
    {
        var (address, text) = block;
        var whole = context.CollapsedReadableText;
        var collapsed = Collapse(text);
        // The block's own words when they carry a code; else the report's one coded line (Gmail
        // puts the server's reply in a paragraph of its own); else whatever the block says. The reply code read
        // for the choice is the evidence's: when neither carries one, it is null whichever is taken.
        string evidence;
        var replyCode = ReplyCode(collapsed);
        if (replyCode is not null || ReadStatus(collapsed) is not null)
        {
            evidence = collapsed;
        }
        else
        {
            var best = context.BestLine;
            replyCode = ReplyCode(best);
            evidence = replyCode is not null || ReadStatus(best) is not null ? best!
                : collapsed.Length > 0 ? collapsed
                : best ?? collapsed;
        }

        return new RawOutcome(address)
        {
            Command = !command ? null
                : FailedCommand(text) ?? TranscriptCommandOf(context, address) ?? (blockCount == 1 ? FailedCommand(whole) : null),
            Status = status ? ReadStatus(evidence) : null,
            ReplyCode = replyCode,
            Diagnostic = Diagnostic(evidence),
            RemoteMta = RemoteMta(evidence) ?? RemoteMta(whole),
        };
    }

    // One word of every alternative of FailedCommandPattern, none holding whitespace: BounceText's collapsed and
    // joined copies of the readable text only turn whitespace into other whitespace, so a word absent from the
    // readable text is absent from every copy made of it (the phrases of FailedCommandWords are not: "in reply\nto"
    // collapses to "in reply to").
    private static readonly System.Buffers.SearchValues<string> FailedCommandLooseWords = TextSearch.Phrases(
        // in reply to …; [SMTP error …] after …; failed after …; does not like …; but sender was rejected; but greeting
        // failed; refused to talk to me; SMTP error from remote … for … command; [RCPT_TO], [MAIL_FROM], [DATA].
        "reply", "after", "like", "sender", "greeting", "talk", "remote", "[RCPT_TO]", "[MAIL_FROM]", "[DATA]");

    /// <summary>
    /// False when no text cut from the report's readable text (a recipient block, its collapsed copy, the best line)
    /// can name a failed command: <see cref="FailedCommand"/> finds none of its words and there is no session
    /// transcript for <see cref="TranscriptCommandOf"/>. Exact, so a caller may skip reading the prose for the command.
    /// </summary>
    internal static bool MayNameCommand(ReportContext context) =>
        TextSearch.MayMatch(context.ReadableText, FailedCommandLooseWords) || context.TranscriptFailures is not null;

    /// <summary>
    /// False when no text cut from <paramref name="readable"/> can name a remote host for <see cref="RemoteMta"/>:
    /// it needs a '[' (an address literal) or the bare-IP form "... does not like" (case-sensitive). Exact.
    /// </summary>
    internal static bool MayNameRemoteMta(string readable) =>
        readable.Contains('[', StringComparison.Ordinal) || readable.Contains("like", StringComparison.Ordinal);

    /// <summary>
    /// The SMTP command the remote server refused, as the reporting MTA states it: Postfix "(in reply to
    /// RCPT TO command)", Exim "SMTP error from remote mail server after end of data", qmail "failed after
    /// I sent the message" / "does not like recipient", bracketed "[RCPT_TO]". One of <see cref="SmtpCommands"/>, or null.
    /// </summary>
    public static string? FailedCommand(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // In ASCII text the first of the words bounds where the first match can start: every alternative contains one
        // of the words and none spans a line end, so no match starts before that word's line. Text with a non-ASCII
        // character is searched whole (TextSearch.MayMatch).
        var first = text.AsSpan().IndexOfAny(FailedCommandWords);
        var ascii = System.Text.Ascii.IsValid(text);
        if (first < 0 && ascii)
        {
            return null;
        }

        var start = first >= 0 && ascii ? text.AsSpan(0, first).LastIndexOfAny('\r', '\n') + 1 : 0;
        var match = FailedCommandPattern().Match(text, start);
        return match.Success ? NormaliseCommand(match.Groups["cmd"].Value) : null;
    }

    /// <summary>
    /// The command of a session transcript (Sendmail, Courier: "&gt;&gt;&gt; DATA", "&lt;&lt;&lt; 550 ...", then
    /// the MTA's own "550 &lt;address&gt;... User unknown") whose failing reply is about
    /// <paramref name="address"/>; when no reply names it, the command of the only failing reply.
    /// </summary>
    public static string? TranscriptCommand(IReadOnlyList<string> lines, string address) =>
        ReadTranscriptFailures(lines).CommandFor(address);

    /// <summary>
    /// The failing part of a session transcript, read once for all its recipients: every line read while a reply
    /// of 400 or more to the last sent command stood (with that command), and the command when only one failed.
    /// Reading the transcript again for each recipient made a report of many recipients quadratic.
    /// </summary>
    internal sealed class TranscriptFailures(List<(string Line, string Command)> failingLines, string? onlyCommand)
    {
        // The failing lines joined by "\n" and ASCII-lowercased, with where each starts: one vectorised search per
        // recipient instead of a case-insensitive search of each line. Null when a line has a non-ASCII character,
        // which OrdinalIgnoreCase may fold onto an ASCII letter; the lines are then searched one by one.
        private readonly (string Text, int[] Starts)? joined = Join(failingLines);

        /// <summary>The command of the first failing line that names the address; else the only failing command.</summary>
        public string? CommandFor(string address)
        {
            if (failingLines.Count == 0)
            {
                return onlyCommand;
            }

            if (joined is { } all && AsciiFold.Contains(all.Text, address) is { } found)
            {
                if (!found)
                {
                    return onlyCommand;
                }

                // Addresses hold no line end, so the first place is inside the first line that names it.
                var at = all.Text.IndexOf(AsciiFold.ToLower(address), StringComparison.Ordinal);
                var line = Array.BinarySearch(all.Starts, at);
                return failingLines[line >= 0 ? line : ~line - 1].Command;
            }

            foreach (var (line, command) in failingLines)
            {
                if (line.Contains(address, StringComparison.OrdinalIgnoreCase))
                {
                    return command;
                }
            }

            return onlyCommand;
        }

        private static (string, int[])? Join(List<(string Line, string Command)> lines)
        {
            var starts = new int[lines.Count];
            var text = new StringBuilder();
            for (var i = 0; i < lines.Count; i++)
            {
                if (!System.Text.Ascii.IsValid(lines[i].Line))
                {
                    return null;
                }

                starts[i] = text.Length;
                text.Append(lines[i].Line).Append('\n');
            }

            return (AsciiFold.ToLower(text.ToString()), starts);
        }
    }

    internal static TranscriptFailures ReadTranscriptFailures(IReadOnlyList<string> lines)
    {
        string? command = null;
        var failing = false;
        var failingCommands = new HashSet<string>(StringComparer.Ordinal);
        var failingLines = new List<(string Line, string Command)>();
        foreach (var raw in lines)
        {
            var line = Arrows(raw.TrimStart());
            if (line.StartsWith(">>>", StringComparison.Ordinal))
            {
                var sent = TranscriptCommandPattern().Match(line);
                command = sent.Success ? NormaliseCommand(sent.Groups["cmd"].Value) : null;
                failing = false;
                continue;
            }

            if (command is null)
            {
                continue;
            }

            if (line.StartsWith("<<<", StringComparison.Ordinal) && ReplyCode(line[3..]) is >= 400)
            {
                failing = true;
                failingCommands.Add(command);
            }

            if (failing)
            {
                failingLines.Add((line, command));
            }
        }

        return new TranscriptFailures(failingLines, failingCommands.Count == 1 ? failingCommands.First() : null);
    }

    /// <summary>
    /// <see cref="TranscriptCommand(IReadOnlyList{string}, string)"/> over the report's readable lines; a text with
    /// no sent-command line at all (">>>", or MDaemon's "--> ") is answered without reading it line by line.
    /// </summary>
    public static string? TranscriptCommandOf(ReportContext context, string address) =>
        context.TranscriptFailures?.CommandFor(address);

    // MDaemon's session transcript writes "<time>: --> RCPT To:<...>" and "<time>: <-- 550 ...": the
    // same sent / received lines as Sendmail's ">>>" / "<<<".
    private static string Arrows(string line)
    {
        if (line.Length < 5 || line.StartsWith(">>>", StringComparison.Ordinal) || line.StartsWith("<<<", StringComparison.Ordinal))
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

    /// <summary>The names <see cref="FailedCommand"/> and <see cref="TranscriptCommand"/> return.</summary>
    public static class SmtpCommands
    {
        public const string Connect = "CONN";
        public const string Helo = "HELO";
        public const string MailFrom = "MAIL";
        public const string RcptTo = "RCPT";
        public const string Data = "DATA";
    }

    private static string? NormaliseCommand(string cmd)
    {
        var lower = cmd.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("rcpt", StringComparison.Ordinal) || lower.Contains("recipient", StringComparison.Ordinal) => SmtpCommands.RcptTo,
            _ when lower.Contains("mail", StringComparison.Ordinal) || lower.Contains("sender", StringComparison.Ordinal) => SmtpCommands.MailFrom,
            _ when lower.Contains("greeting", StringComparison.Ordinal) || lower.Contains("talk to me", StringComparison.Ordinal) => SmtpCommands.Connect,
            _ when lower.Contains("data", StringComparison.Ordinal) || lower.Contains("message", StringComparison.Ordinal) || lower == "text" || lower == "." => SmtpCommands.Data,
            _ when lower.Contains("helo", StringComparison.Ordinal) || lower.Contains("ehlo", StringComparison.Ordinal) => SmtpCommands.Helo,
            _ when lower.Contains("connect", StringComparison.Ordinal) || lower.Contains("banner", StringComparison.Ordinal) => SmtpCommands.Connect,
            _ => null,
        };
    }

    /// <summary>Delayed when the text says the MTA keeps trying, failed otherwise.</summary>
    public static DsnAction ActionFromText(string text)
    {
        // One pass per list over the whole report text (PhraseMatcher), not one search per phrase.
        var delayed = DelayMatcher.BestRank(text) is not null;
        return delayed && PermanentMatcher.BestRank(text) is null ? DsnAction.Delayed : DsnAction.Failed;
    }

    /// <summary>The first SMTP reply code (RFC 5321 §4.2: 2xx/4xx/5xx) in the text.</summary>
    public static int? ReplyCode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var code = FirstReplyCode(text);
        return code >= 0 ? int.Parse(text.AsSpan(code, 3), CultureInfo.InvariantCulture) : null;
    }

    // Where the first reply code of ReplyCodePattern starts, or -1. The code is a match's last three characters (the
    // lookahead after it takes none): read from the match's bounds, without a Match and its groups (this runs on every
    // outcome and block).
    private static int FirstReplyCode(ReadOnlySpan<char> text)
    {
        foreach (var match in ReplyCodePattern().EnumerateMatches(text))
        {
            return match.Index + match.Length - 3;
        }

        return -1;
    }

    /// <summary>The first enhanced status code (RFC 3463) in the text, e.g. after "#" in Exchange reports.</summary>
    public static EnhancedStatusCode? ReadStatus(string? text) => DsnParser.ReadStatus(text);

    /// <summary>
    /// Every enhanced status code (RFC 3463) in the text, in order, with or without a reply code before
    /// it ("550 5.1.1", "#5.1.1", "(#4.4.1)").
    /// </summary>
    public static List<EnhancedStatusCode> ReadStatuses(string? text) => DsnParser.ReadStatuses(text);

    /// <summary>
    /// The remote server's words, one line: from the reply code on when there is one, without the
    /// MTA's own wrapping ("(in reply to RCPT TO command)", "Giving up on ..."), at most 500 characters.
    /// </summary>
    public static string? Diagnostic(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = Collapse(text);
        var code = FirstReplyCode(line);
        if (code >= 0)
        {
            line = line[code..];
        }

        var lower = line.ToLowerInvariant();
        foreach (var cut in DiagnosticCuts)
        {
            var at = lower.IndexOf(cut, StringComparison.Ordinal);
            if (at > 0)
            {
                line = line[..at];
                lower = lower[..at];
            }
        }

        line = line.Trim().TrimEnd(':').Trim();
        return line.Length == 0 ? null : line.Length > 500 ? line[..500] : line;
    }

    /// <summary>The host named as the remote server: "host mx.example.net[192.0.2.1] said", "mx.example.net [192.0.2.1]: 550".</summary>
    public static string? RemoteMta(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // Written as a scan rather than one regex: a host-name pattern tried at every position of a
        // long report backtracks badly, and '[' is rare, so look only where one is.
        for (var bracket = text.IndexOf('[', StringComparison.Ordinal); bracket > 0; bracket = text.IndexOf('[', bracket + 1))
        {
            if (HostBefore(text, bracket) is { } host && IsAddressLiteral(text, bracket))
            {
                return host;
            }
        }

        var match = BareIpPattern().Match(text);
        return match.Success ? match.Groups["ip"].Value : null;
    }

    // The host name directly before "[" (spaces allowed between), with at least one dot, as in
    // "mx.example.net[192.0.2.1]" or "mx.example.net [192.0.2.1]".
    private static string? HostBefore(string text, int bracket)
    {
        var end = bracket;
        while (end > 0 && text[end - 1] is ' ' or '\t')
        {
            end--;
        }

        var start = end;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '-' or '.'))
        {
            start--;
        }

        var host = text[start..end].Trim('.', '-');
        return host.Contains('.', StringComparison.Ordinal) && !host.Contains("..", StringComparison.Ordinal) && char.IsAsciiLetterOrDigit(host[0])
            ? host
            : null;
    }

    private static readonly System.Buffers.SearchValues<char> AddressLiteralChars = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:.");

    // "[192.0.2.1]" or "[IPv6:2001:db8::1]" starting at the bracket.
    private static bool IsAddressLiteral(string text, int bracket)
    {
        var close = text.IndexOf(']', bracket + 1);
        if (close < 0 || close - bracket > 60)
        {
            return false;
        }

        var inside = text.AsSpan(bracket + 1, close - bracket - 1);
        if (inside.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            inside = inside[5..];
        }

        return inside.Length > 0 && !inside.ContainsAnyExcept(AddressLiteralChars);
    }

    /// <summary>Whitespace (line ends, tabs, runs of spaces) folded to one space.</summary>
    public static string Collapse(string text)
    {
        // A loop rather than Regex.Replace(@"\s+", " "): this runs on every report's whole text, and the
        // loop is several times cheaper (docs/benchmarks.md). Runs of printable ASCII are copied whole
        // (vectorised search for the next other character); a text with nothing to fold is returned as it is.
        var cut = text.AsSpan(0, Math.Min(text.Length, MaxBlockChars)).Trim();
        if (cut.Length == text.Length && IsCollapsed(cut))
        {
            return text;
        }

        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(cut.Length, 1));
        try
        {
            var length = 0;
            var pendingSpace = false;
            for (var rest = cut; !rest.IsEmpty;)
            {
                var run = rest.IndexOfAnyExceptInRange('!', '~');
                if (run != 0)
                {
                    run = run < 0 ? rest.Length : run;
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    rest[..run].CopyTo(buffer.AsSpan(length));
                    length += run;
                    rest = rest[run..];
                    continue;
                }

                var c = rest[0];
                rest = rest[1..];
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }

                buffer[length++] = c;
            }

            return new string(buffer, 0, length);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // Trimmed already and with no whitespace but single spaces: Collapse would give the same text.
    private static bool IsCollapsed(ReadOnlySpan<char> text)
    {
        for (var rest = text; ;)
        {
            var other = rest.IndexOfAnyExceptInRange('!', '~');
            if (other < 0)
            {
                return true;
            }

            var c = rest[other];
            if (c == ' ' ? rest[other + 1] == ' ' : char.IsWhiteSpace(c))
            {
                return false;
            }

            rest = rest[(other + 1)..];
        }
    }

    public static List<string> SplitAddresses(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !value.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        return AddressPattern().Matches(value).Select(m => m.Value.Trim('<', '>')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Is this line a recipient line, and which address does it name?</summary>
    public static (string Address, string Remainder)? RecipientLine(string line)
    {
        if (!line.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var match = RecipientLinePattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var rest = match.Groups["rest"].Value;
        if (rest.Length > 0 && rest[0] is not (':' or '.' or ' ' or '\t' or '[' or '(' or ',' or ';'))
        {
            return null;
        }

        // "text <address>" is a name-addr (RFC 5322 §3.4): the angle-addr is the address, even when the
        // display name before it looks like an address itself.
        var address = match.Groups["addr"].Value;
        var trimmed = rest.TrimStart();
        if (trimmed.StartsWith('<') && trimmed.IndexOf('>', StringComparison.Ordinal) is var close and > 1)
        {
            var inner = trimmed[1..close];
            if (AddressPattern().Match(inner) is { Success: true } angled && angled.Length == inner.Length)
            {
                address = inner;
                rest = trimmed[(close + 1)..];
            }
        }

        return (address, rest.TrimStart(':', '.', ',', ';').Trim());
    }

    private static HashSet<string> ExcludedAddresses(ReportContext context)
    {
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var address in context.To)
        {
            excluded.Add(address);
        }

        foreach (var header in new[] { "From", "Return-Path", "Sender" })
        {
            foreach (var address in SplitAddresses(context.OriginalHeader(header)))
            {
                excluded.Add(address);
            }
        }

        if (context.From.Length > 0)
        {
            excluded.Add(context.From);
        }

        return excluded;
    }

    private static List<(string Address, string Text)> FindBlocks(IReadOnlyList<string> lines, HashSet<string> excluded, Func<string, bool>? isRecipientLine)
    {
        var blocks = new List<(string Address, StringBuilder Text)>();
        // Where each address's block is (ignoring case): a lookup, not a search of the list, so a report of
        // thousands of recipients stays linear.
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        StringBuilder? current = null;
        var inBlockText = false;
        foreach (var line in lines)
        {
            var recipient = isRecipientLine is null || isRecipientLine(line) ? RecipientLine(line) : null;
            if (recipient is { } found && !excluded.Contains(found.Address))
            {
                var existing = index.GetValueOrDefault(found.Address, -1);
                current = existing >= 0 ? blocks[existing].Text.Append(' ') : new StringBuilder();
                if (existing < 0)
                {
                    index[found.Address] = blocks.Count;
                    blocks.Add((found.Address, current));
                }

                current.Append(found.Remainder);
                inBlockText = found.Remainder.Length > 0;
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                if (inBlockText)
                {
                    current = null;
                }

                continue;
            }

            if (current.Length < MaxBlockChars)
            {
                current.Append('\n').Append(line);
                inBlockText = true;
            }
        }

        return blocks.Select(b => (b.Address, b.Text.ToString())).ToList();
    }

    private static List<(string Address, string Text)> FindInlineAddresses(IReadOnlyList<string> lines, HashSet<string> excluded)
    {
        var blocks = new List<(string Address, string Text)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Count; i++)
        {
            // The pattern needs an '@': most lines have none, and skip it without a MatchCollection.
            if (!lines[i].Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in AddressPattern().Matches(lines[i]))
            {
                var address = match.Value.Trim('<', '>');
                if (excluded.Contains(address) || !seen.Add(address))
                {
                    continue;
                }

                var text = new StringBuilder(lines[i][(match.Index + match.Length)..]);
                for (var j = i + 1; j < lines.Count && j < i + 6 && !string.IsNullOrWhiteSpace(lines[j]); j++)
                {
                    text.Append('\n').Append(lines[j]);
                }

                blocks.Add((address, text.ToString()));
            }
        }

        return blocks;
    }

    // The line most likely to carry the remote server's words: one with a reply code, else a status
    // code, else one a reason phrase matches.
    internal static string? BestLine(string text, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].AsSpan().Trim();
            // A match before index 40 has its code's first digit (2, 4 or 5) by index 40: a line without one there
            // cannot match in time, and most prose lines skip the pattern.
            if (line.Length == 0 || line[..Math.Min(line.Length, 41)].IndexOfAny('2', '4', '5') < 0)
            {
                continue;
            }

            if (FirstMatchIndex(line) is >= 0 and < 40)
            {
                var joined = new StringBuilder().Append(line);
                for (var j = i + 1; j < lines.Count && j < i + 4 && !string.IsNullOrWhiteSpace(lines[j]) && RecipientLine(lines[j]) is null; j++)
                {
                    joined.Append(' ').Append(lines[j].Trim());
                }

                return joined.ToString();
            }
        }

        // No line with a reply code: the first with a status code, else the first a reason phrase matches.
        // An enhanced status code has dots ("5.1.1"): most lines have none and skip the pattern.
        return FirstTrimmed(lines, static l => l.Contains('.', StringComparison.Ordinal) && ReadStatus(l) is not null)
            ?? ReasonClassifier.FirstLineStatingReason(text, lines);
    }

    private static int FirstMatchIndex(ReadOnlySpan<char> line)
    {
        foreach (var match in ReplyCodePattern().EnumerateMatches(line))
        {
            return match.Index;
        }

        return -1;
    }

    // The first non-blank line (trimmed) that passes the test; a line that is trimmed already is not copied.
    private static string? FirstTrimmed(IReadOnlyList<string> lines, Func<string, bool> test)
    {
        foreach (var raw in lines)
        {
            var span = raw.AsSpan().Trim();
            if (span.Length == 0)
            {
                continue;
            }

            var line = span.Length == raw.Length ? raw : span.ToString();
            if (test(line))
            {
                return line;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:^|[\s:(\[""'=])(?<code>[245][0-7]\d)(?=[ \-]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ReplyCodePattern();

    [GeneratedRegex(@"(?:<)?(?:""[^""\r\n]+""|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+)@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?:>)?", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^\s*(?:(?:recipient|recipient address|failed recipient|failed address|address|unknown user|invalid recipient|original-recipient|final-recipient|rcpt to|user)\s*:\s*(?:rfc822;\s*)?)?[<(]?(?<addr>(?:""[^""]+""|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+)@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})[>)]?(?<rest>.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RecipientLinePattern();


    [GeneratedRegex(@"(?<ip>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}) does not like", RegexOptions.CultureInvariant)]
    private static partial Regex BareIpPattern();

    [GeneratedRegex(@"in reply to (?:the )?(?<cmd>RCPT TO|MAIL FROM|end of DATA|DATA|HELO|EHLO|message text|initial greeting)\b"
        + @"|(?:SMTP error from remote (?:mail server|mailer) )?after (?:pipelined )?(?<cmd>RCPT TO|MAIL FROM|end of data|DATA|HELO|EHLO|initial connection)\b"
        + @"|(?<cmd>failed after I sent the message|does not like recipient|does not like sender|but sender was rejected|but greeting failed|refused to talk to me)"
        + @"|SMTP error from remote (?:server|mail server) for (?<cmd>RCPT TO|MAIL FROM|TEXT|DATA) command"
        + @"|\[(?<cmd>RCPT_TO|MAIL_FROM|DATA)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FailedCommandPattern();

    [GeneratedRegex(@"^>>>\s*(?<cmd>RCPT\b|MAIL\b|DATA\b|\.$|EHLO\b|HELO\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TranscriptCommandPattern();

}
