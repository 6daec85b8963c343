using System.Text.RegularExpressions;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Novell / Micro Focus GroupWise (its Internet Agent): "The message that you sent was undeliverable to the
/// following:" then one indented line per recipient, "addr (what went wrong)". Told by those lines directly
/// under a heading that ends with a colon, in a message that is not an auto-reply (tried after them); each
/// recipient's words are its own parenthesis only, so one recipient's cause never colours another's.
/// </summary>
internal sealed partial class GroupWiseRecogniser : IReportRecogniser
{
    public string Format => "groupwise";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var outcomes = new List<RawOutcome>();
        var action = new Lazy<Dsn.DsnAction>(() => BounceText.ActionFromText(context.SubjectAndText), LazyThreadSafetyMode.None);
        var underHeading = false;
        foreach (var line in context.ReadableLines)
        {
            // The recipient lines follow the notice's heading ("...undeliverable to the following:") with no
            // other line between: a "\tjane@example.com (deputy)" line in ordinary prose does not.
            if (line.Length == 0 || line[0] != '\t' || RecipientNotePattern().Match(line) is not { Success: true } m)
            {
                underHeading = line.TrimEnd().EndsWith(':') && line.Length > 0 && !char.IsWhiteSpace(line[0]);
                continue;
            }

            if (!underHeading)
            {
                continue;
            }

            var note = m.Groups["note"].Value.Trim();
            outcomes.Add(new RawOutcome(m.Groups["addr"].Value)
            {
                Action = action.Value,
                Status = BounceText.ReadStatus(note),
                ReplyCode = BounceText.ReplyCode(note),
                Diagnostic = BounceText.Diagnostic(note),
                Command = BounceText.FailedCommand(note),
                Context = note + "\n" + context.Subject,
            });
        }

        return outcomes.Count == 0 ? null : new RecognisedReport(ReportKind.Bounce, outcomes);
    }

    // "\tuser@example.com (user not found)": a tab, the address, its cause in parentheses, nothing after.
    [GeneratedRegex(@"^\t+(?<addr>[^\s<>()@]+@[^\s<>()@]+\.[A-Za-z]{2,})\s+\((?<note>.+)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RecipientNotePattern();
}
