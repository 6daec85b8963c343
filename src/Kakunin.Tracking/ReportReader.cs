using Kakunin.Authentication;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using MimeKit;

namespace Kakunin.Tracking;

/// <summary>
/// Turns the reports library's analysis of a message into an <see cref="InboundReport"/>: the analyzer's
/// outcomes (which cover non-standard bounces too), completed from the typed DSN (Will-Retry-Until) and MDN
/// (the parsed Disposition) the analysis carries — the report is parsed once — and from the header: who it says it
/// is from, and this server's Authentication-Results.
/// </summary>
internal static class ReportReader
{
    /// <param name="authservId">This server's host name, the authserv-id of the Authentication-Results it stamps.</param>
    public static InboundReport? Read(MimeMessage message, ReportAnalysis analysis, string? authservId)
    {
        var report = analysis.Kind switch
        {
            ReportKind.Mdn => ReadMdn(analysis),
            ReportKind.Dsn or ReportKind.Bounce => ReadDelivery(analysis),
            _ => null, // feedback reports and auto-replies are ordinary mail for tracking
        };
        return report is null ? null : report with
        {
            MessageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId,
            ReportedBy = message.From.Mailboxes.FirstOrDefault()?.Address
                ?? analysis.Dsn?.ReportingMta.Name
                ?? analysis.Mdn?.ReportingUa?.Name,
            Authentication = authservId is null ? null : MessageAuthentication.FromHeaders(message.Headers, authservId),
        };
    }

    private static InboundReport? ReadDelivery(ReportAnalysis analysis)
    {
        var dsn = analysis.Dsn;
        var recipients = new List<ReportedRecipient>();
        foreach (var outcome in analysis.Recipients)
        {
            if (outcome.Action is not { } action)
            {
                continue;
            }

            var block = dsn?.Recipients.FirstOrDefault(r => MailboxIdentity.Same(r.FinalRecipient.Address, outcome.Recipient));
            recipients.Add(new ReportedRecipient(
                outcome.Recipient,
                outcome.OriginalRecipient,
                new DeliveryOutcome(action, outcome.Status, outcome.Diagnostic, block?.WillRetryUntil, outcome.RemoteMta, outcome.Reason, outcome.HardBounce)));
        }

        return recipients.Count == 0 ? null : Report(analysis, recipients, originalMessageId: null);
    }

    private static InboundReport? ReadMdn(ReportAnalysis analysis)
    {
        // RFC 8098 §3.1: Final-Recipient and a valid Disposition are required; without them it is no MDN.
        if (analysis.Mdn is not { } mdn)
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
