using System.Text;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Apache James (its notify / bounce mailets, also behind Verizon's vtext gateway): "Error message
/// below:" followed by the server's reply, then "Message details:" listing the envelope as "MAIL FROM:"
/// and "RCPT TO:" lines. Only the RCPT TO lines name recipients (the From and CC lines are the
/// original's), and the diagnostic is the error paragraph, not the details that follow the address.
/// </summary>
internal sealed class ApacheJamesRecogniser : IReportRecogniser
{
    private const string ErrorHeading = "Error message below:";
    private const string DetailsHeading = "Message details:";

    public string Format => "apachejames";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        if (!context.TextContains(ErrorHeading) || !context.TextContains(DetailsHeading))
        {
            return null;
        }

        var error = new StringBuilder();
        var recipients = new List<string>();
        var section = 0; // 0 before the error heading, 1 in the error, 2 in the details
        foreach (var raw in context.ReadableLines)
        {
            var line = raw.Trim();
            if (line.StartsWith(ErrorHeading, StringComparison.OrdinalIgnoreCase))
            {
                section = 1;
                continue;
            }

            if (line.StartsWith(DetailsHeading, StringComparison.OrdinalIgnoreCase))
            {
                section = 2;
                continue;
            }

            if (section == 1 && line.Length > 0)
            {
                error.Append(error.Length > 0 ? " " : string.Empty).Append(line);
            }
            else if (section == 2 && line.StartsWith("RCPT TO:", StringComparison.OrdinalIgnoreCase))
            {
                recipients.AddRange(BounceText.SplitAddresses(line["RCPT TO:".Length..]));
            }
        }

        if (recipients.Count == 0)
        {
            return null;
        }

        var diagnostic = error.ToString();
        var whole = context.CollapsedReadableText;
        var outcomes = recipients.Distinct(StringComparer.OrdinalIgnoreCase).Select(address => new RawOutcome(address)
        {
            Action = BounceText.ActionFromText(context.SubjectAndText),
            Status = BounceText.ReadStatus(diagnostic),
            ReplyCode = BounceText.ReplyCode(diagnostic),
            Diagnostic = BounceText.Diagnostic(diagnostic),
            Context = context.Subject + "\n" + whole,
        }).ToList();
        return new RecognisedReport(ReportKind.Bounce, outcomes);
    }
}
