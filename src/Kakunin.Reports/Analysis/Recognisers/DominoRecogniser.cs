using System.Text;
using System.Text.RegularExpressions;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// IBM / HCL Domino and Lotus Notes: "was not delivered to:" ... "because:", "Failure Reasons". The
/// Delivery Failure Report is a form: a heading line ending in ":" ("was not delivered to:"), the recipients
/// indented one per line, a second short heading ending in ":" ("because:"), then the reason indented.
/// That layout is read in any language (<see cref="ReadLayout"/>): the reason paragraph is each recipient's
/// diagnostic, and the "Subject:" line of the form is not a recipient's words.
/// </summary>
internal sealed partial class DominoRecogniser : TextBounceRecogniser
{
    public override string Format => "domino";

    protected override bool Matches(ReportContext context) =>
        context.TextContains("was not delivered to:", "Failure Reasons", "Lotus", "Domino")
        || (context.From.StartsWith("postmaster@", StringComparison.OrdinalIgnoreCase) && Form(context.ReadableLines) is not null);

    protected override List<RawOutcome>? ReadLayout(ReportContext context)
    {
        if (Form(context.ReadableLines) is not { } form)
        {
            return null;
        }

        var whole = context.SubjectAndText;
        var action = BounceText.ActionFromText(whole);
        return [.. form.Recipients.Select(address => new RawOutcome(address)
        {
            Action = action,
            Status = BounceText.ReadStatus(form.Reason),
            ReplyCode = BounceText.ReplyCode(form.Reason),
            Diagnostic = BounceText.Diagnostic(form.Reason),
            RemoteMta = BounceText.RemoteMta(form.Reason),
            Command = BounceText.FailedCommand(form.Reason),
            Context = form.Reason + "\n" + context.Subject,
        })];
    }

    // Heading, indented recipients, short heading, indented reason (blank lines between allowed).
    private static (List<string> Recipients, string Reason)? Form(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsHeading(lines[i], 80))
            {
                continue;
            }

            var j = SkipBlank(lines, i + 1);
            var recipients = new List<string>();
            for (; j < lines.Count && IndentedAddressPattern().Match(lines[j]) is { Success: true } m; j++)
            {
                recipients.Add(m.Groups["addr"].Value);
            }

            j = SkipBlank(lines, j);
            if (recipients.Count == 0 || j >= lines.Count || !IsHeading(lines[j], 30))
            {
                continue;
            }

            var reason = new StringBuilder();
            for (j = SkipBlank(lines, j + 1); j < lines.Count && lines[j].Length > 0 && char.IsWhiteSpace(lines[j][0]) && !string.IsNullOrWhiteSpace(lines[j]); j++)
            {
                reason.Append(reason.Length > 0 ? " " : string.Empty).Append(lines[j].Trim());
            }

            if (reason.Length > 0)
            {
                return (recipients, reason.ToString());
            }
        }

        return null;
    }

    private static bool IsHeading(string line, int maxLength) =>
        line.Length is > 1 and <= 80 && line.Length <= maxLength && !char.IsWhiteSpace(line[0]) && line.TrimEnd().EndsWith(':');

    private static int SkipBlank(IReadOnlyList<string> lines, int i)
    {
        while (i < lines.Count && string.IsNullOrWhiteSpace(lines[i]))
        {
            i++;
        }

        return i;
    }

    [GeneratedRegex(@"^\s+(?<addr>[^\s<>@]+@[^\s<>@]+\.[A-Za-z]{2,})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex IndentedAddressPattern();
}
