using System.Text;
using System.Text.RegularExpressions;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Exchange 2000 / 2003 text NDRs: per recipient an indented "addr on date" line, the human sentence, and
/// the server's own line "&lt;generating.host #x.y.z&gt;" or, when a remote server refused,
/// "&lt;generating.host #x.y.z smtp;550 remote words&gt;". Told by that last line, whatever the language of
/// the sentences around it. The remote reply after "smtp;" is the server's words and its code is the
/// status; Exchange's own "#x.y.z" stands in only when there is no remote reply.
/// </summary>
internal sealed partial class Exchange2003Recogniser : IReportRecogniser
{
    public string Format => "exchange2003";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var text = context.ReadableText;
        if (!text.Contains(" #5.", StringComparison.Ordinal) && !text.Contains(" #4.", StringComparison.Ordinal) && !text.Contains(" #2.", StringComparison.Ordinal))
        {
            return null;
        }

        var outcomes = new List<RawOutcome>();
        var lines = context.ReadableLines;
        var whole = context.SubjectAndText;
        var action = BounceText.ActionFromText(whole);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsIndentedAddressLine(lines[i]) || RecipientLinePattern().Match(lines[i]) is not { Success: true } recipient)
            {
                continue;
            }

            var words = new StringBuilder();
            Match? code = null;
            for (var j = i + 1; j < lines.Count && !string.IsNullOrWhiteSpace(lines[j]) && !(IsIndentedAddressLine(lines[j]) && RecipientLinePattern().IsMatch(lines[j])); j++)
            {
                var found = CodeLinePattern().Match(lines[j]);
                if (found.Success)
                {
                    code = found;
                    break;
                }

                words.Append(words.Length > 0 ? " " : string.Empty).Append(lines[j].Trim());
            }

            if (code is null)
            {
                continue;
            }

            var remote = code.Groups["remote"].Success ? code.Groups["remote"].Value.Trim() : null;
            var diagnostic = string.IsNullOrEmpty(remote) ? words.ToString() : remote;
            outcomes.Add(new RawOutcome(recipient.Groups["addr"].Value)
            {
                Action = action,
                Status = BounceText.ReadStatus(remote) ?? BounceText.ReadStatus(code.Groups["code"].Value),
                ReplyCode = BounceText.ReplyCode(remote),
                Diagnostic = BounceText.Diagnostic(diagnostic),
                Command = BounceText.FailedCommand(remote),
                Context = words + "\n" + whole,
            });
        }

        return outcomes.Count == 0 ? null : new RecognisedReport(ReportKind.Bounce, outcomes);
    }

    // A cheap first test before the regex: indented, with an "@".
    private static bool IsIndentedAddressLine(string line) =>
        line.Length > 3 && char.IsWhiteSpace(line[0]) && line.Contains('@', StringComparison.Ordinal);

    // "      user@example.com on 1/5/2026 9:01 AM" (any language: an address, then a word and a date).
    [GeneratedRegex(@"^\s+(?<addr>[^\s<>@]+@[^\s<>@]+\.[A-Za-z]{2,})(?:\s+\S+\s+\d.*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RecipientLinePattern();

    // "<mail.example.com #5.1.1>" or "<mail.example.com #5.0.0 smtp;550 5.1.1 remote words>".
    [GeneratedRegex(@"^\s*<(?<host>[^\s#<>]+)\s+#(?<code>[245]\.\d{1,3}\.\d{1,3})(?:\s+(?:smtp;|x-[a-z]+;)?(?<remote>.*))?>\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CodeLinePattern();
}
