using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;

namespace Kakunin.Cli.Reports;

/// <summary>Flattens a <see cref="ReportAnalysis"/> into output lines: one per recipient, at least one per message.</summary>
public static class ReportLines
{
    public static IEnumerable<ReportLine> From(string file, ReportAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var keys = analysis.CorrelationKeys;
        var common = new ReportLine
        {
            File = file,
            Kind = KindName(analysis.Kind),
            Format = analysis.Format,
            Disposition = analysis.Disposition,
            FeedbackType = analysis.FeedbackType,
            OriginalEnvelopeId = keys.OriginalEnvelopeId,
            OriginalMessageId = keys.OriginalMessageId,
        };
        if (analysis.Recipients.Count == 0)
        {
            yield return common;
            yield break;
        }

        foreach (var r in analysis.Recipients)
        {
            yield return common with
            {
                Recipient = r.Recipient,
                OriginalRecipient = r.OriginalRecipient,
                Action = r.Action?.ToWire(),
                Status = r.Status?.ToString(),
                ReplyCode = r.ReplyCode,
                Reason = r.Reason.ToWire(),
                HardBounce = r.HardBounce,
                Diagnostic = r.Diagnostic,
                RemoteMta = r.RemoteMta,
                SmtpCommand = r.SmtpCommand,
            };
        }
    }

    /// <summary>The kind as the JSON output names it: dsn, mdn, bounce, feedback, autoreply, none.</summary>
    public static string KindName(ReportKind kind) => kind.ToString().ToLowerInvariant();
}
