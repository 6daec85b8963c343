using Kakunin.Reports.Fields;
using Kakunin.Reports.Mime;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Abuse / feedback reports (ARF, RFC 5965): a message/feedback-report part with Feedback-Type,
/// Original-Rcpt-To and friends. Also the one-line "unsubscribe" feedback some mail apps send.
/// </summary>
internal sealed class ArfRecogniser : IReportRecogniser
{
    public string Format => "arf";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var part = context.FindPart("message", "feedback-report");
        var isReport = context.Message.Body?.ContentType.Parameters["report-type"]?.Equals("feedback-report", StringComparison.OrdinalIgnoreCase) == true;
        if (part is null && !isReport)
        {
            return AppleUnsubscribe(context);
        }

        var fields = part is null ? [] : ReportFieldReader.ReadGroups(ReportParts.ReadText(part)).SelectMany(g => g.Fields).ToList();
        string? Field(string name) => fields.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

        // RFC 5965 §3.2: Original-Rcpt-To is optional; the returned message's To is the next best.
        var recipients = fields.Where(f => f.Name.Equals("Original-Rcpt-To", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => BounceText.SplitAddresses(f.Value)).ToList();
        if (recipients.Count == 0)
        {
            recipients = BounceText.SplitAddresses(context.OriginalHeader("To"));
        }

        if (recipients.Count == 0)
        {
            recipients = BounceText.SplitAddresses(Field("Removal-Recipient"));
        }

        // A report that names nobody (no Original-Rcpt-To, the copy's To is "undisclosed-recipients:;" or
        // redacted) is still one complaint: one outcome with an empty recipient, never a guessed address.
        if (recipients.Count == 0)
        {
            recipients.Add(string.Empty);
        }

        var outcomes = recipients.Select(r => new RawOutcome(r) { Reason = BounceReason.Feedback }).ToList();
        return new RecognisedReport(ReportKind.Feedback, outcomes)
        {
            FeedbackType = Field("Feedback-Type")?.Trim().ToLowerInvariant() ?? "other",
        };
    }

    // Apple Mail's "Unsubscribe" button mails the List-Unsubscribe mailto: address a message marked
    // "X-Apple-Unsubscribe: true": an opt-out request from its sender (RFC 5965's "opt-out" type),
    // even though it carries Auto-Submitted like an auto-reply.
    private static RecognisedReport? AppleUnsubscribe(ReportContext context)
    {
        if (context.Header("X-Apple-Unsubscribe")?.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) != true
            || context.From.Length == 0)
        {
            return null;
        }

        return new RecognisedReport(ReportKind.Feedback, [new RawOutcome(context.From) { Reason = BounceReason.Feedback }])
        {
            FeedbackType = "opt-out",
        };
    }
}
