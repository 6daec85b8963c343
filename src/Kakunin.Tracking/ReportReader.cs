using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Mdn;
using MimeKit;

namespace Kakunin.Tracking;

/// <summary>
/// Turns the reports library's analysis of a message into an <see cref="InboundReport"/>: the analyzer's
/// outcomes (which cover non-standard bounces too), completed from the typed DSN (Will-Retry-Until) and MDN
/// (the parsed Disposition) where the message has them.
/// </summary>
internal static class ReportReader
{
    public static InboundReport? Read(MimeMessage message, ReportAnalysis analysis)
    {
        return analysis.Kind switch
        {
            ReportKind.Mdn => ReadMdn(message, analysis),
            ReportKind.Dsn or ReportKind.Bounce => ReadDelivery(message, analysis),
            _ => null, // feedback reports and auto-replies are ordinary mail for tracking
        };
    }

    private static InboundReport? ReadDelivery(MimeMessage message, ReportAnalysis analysis)
    {
        var dsn = analysis.Kind == ReportKind.Dsn ? DsnParser.TryParse(message) : null;
        var recipients = new List<ReportedRecipient>();
        foreach (var outcome in analysis.Recipients)
        {
            if (outcome.Action is not { } action)
            {
                continue;
            }

            var block = dsn?.Recipients.FirstOrDefault(r => r.FinalRecipient.Address.Equals(outcome.Recipient, StringComparison.OrdinalIgnoreCase));
            recipients.Add(new ReportedRecipient(
                outcome.Recipient,
                outcome.OriginalRecipient,
                new DeliveryOutcome(action, outcome.Status, outcome.Diagnostic, block?.WillRetryUntil, outcome.RemoteMta, outcome.Reason, outcome.HardBounce)));
        }

        return recipients.Count == 0 ? null : Report(analysis, recipients, originalMessageId: null);
    }

    private static InboundReport? ReadMdn(MimeMessage message, ReportAnalysis analysis)
    {
        // RFC 8098 §3.1: Final-Recipient and a valid Disposition are required; without them it is no MDN.
        if (MdnParser.TryParse(message) is not { } mdn)
        {
            return null;
        }

        var written = analysis.Disposition ?? mdn.Disposition.ToString();
        var recipient = new ReportedRecipient(mdn.FinalRecipient.Address, mdn.OriginalRecipient?.Address, Read: new ReadOutcome(mdn.Disposition, written.Trim()));
        return Report(analysis, [recipient], ReportAnalyzer.StripAngles(mdn.OriginalMessageId));
    }

    private static InboundReport Report(ReportAnalysis analysis, List<ReportedRecipient> recipients, string? originalMessageId)
    {
        var keys = analysis.CorrelationKeys;
        return new InboundReport
        {
            Kind = analysis.Kind,
            Format = analysis.Format ?? "unknown",
            Recipients = recipients,
            Keys = new ReportKeys
            {
                EnvelopeId = string.IsNullOrWhiteSpace(keys.OriginalEnvelopeId) ? null : keys.OriginalEnvelopeId.Trim(),
                OriginalMessageId = originalMessageId,
                // The analyzer's key is the MDN field when there is one; otherwise the enclosed message's Message-ID.
                EnclosedMessageId = keys.OriginalMessageId == originalMessageId ? null : keys.OriginalMessageId,
                InReplyTo = keys.InReplyTo,
                References = keys.References,
            },
        };
    }
}
