using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// The human-readable first part of a DSN (RFC 6522 §3, RFC 3464 §3): one paragraph per recipient,
/// grouped by action, quoting the remote server's own words (Diagnostic-Code) and naming the
/// remote MTA. Also picks the Subject by outcome.
/// </summary>
internal static class DsnHumanText
{
    // Order of the groups in the text: the news that needs action first.
    private static readonly DsnAction[] Order =
        [DsnAction.Failed, DsnAction.Delayed, DsnAction.Delivered, DsnAction.Relayed, DsnAction.Expanded];

    /// <summary>The Subject: a failure outranks a delay, which outranks a relay, which outranks success.</summary>
    public static string Subject(DeliveryStatusReport report, DsnStrings s)
    {
        var actions = report.Recipients.Select(r => r.Action).ToHashSet();
        return actions.Contains(DsnAction.Failed) ? s.SubjectFailed
            : actions.Contains(DsnAction.Delayed) ? s.SubjectDelayed
            : actions.Contains(DsnAction.Relayed) ? s.SubjectRelayed
            : s.SubjectDelivered;
    }

    /// <summary>
    /// True when <paramref name="readableText"/> opens with the intro this composer writes for
    /// <paramref name="reportingMta"/>, in any of its languages: the report is one Kakunin composed, so
    /// its prose is Kakunin's own (status lines, dates, headings) and every word of the remote server
    /// is already in a Diagnostic-Code field.
    /// </summary>
    public static bool IsComposedText(string readableText, string reportingMta)
    {
        foreach (var line in Fields.ReportFieldReader.SplitLines(readableText))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                return DsnStrings.All.Any(s => trimmed == s.Intro(reportingMta));
            }
        }

        return false;
    }

    public static string Write(DeliveryStatusReport report, DsnStrings s, DsnReturn? attached)
    {
        var sb = new StringBuilder();
        sb.Append(s.Intro(report.ReportingMta.Name)).Append("\r\n");
        foreach (var action in Order)
        {
            var group = report.Recipients.Where(r => r.Action == action).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            sb.Append("\r\n").Append(Heading(action, s)).Append("\r\n");
            foreach (var r in group)
            {
                sb.Append("\r\n");
                Paragraph(sb, r, s);
            }
        }

        if (attached is { } ret)
        {
            sb.Append("\r\n").Append(ret == DsnReturn.Full ? s.OriginalAttached : s.OriginalHeadersAttached).Append("\r\n");
        }

        return sb.ToString();
    }

    private static void Paragraph(StringBuilder sb, DsnRecipient r, DsnStrings s)
    {
        sb.Append('<').Append(r.FinalRecipient.Address).Append('>');
        if (r.OriginalRecipient is { } original && original.Address != r.FinalRecipient.Address)
        {
            sb.Append(' ').Append(s.OriginallyTo($"<{original.Address}>"));
        }

        sb.Append("\r\n");
        if (r.Status is { } status)
        {
            sb.Append("    ").Append(s.StatusLine(status.ToString())).Append("\r\n");
        }

        if (r.DiagnosticCode is { } diagnostic)
        {
            sb.Append("    ").Append(r.RemoteMta is { } mta ? s.RemoteSaid(mta.Name) : s.LocalSaid).Append("\r\n");
            sb.Append("        ").Append(diagnostic.Text).Append("\r\n");
        }

        if (r.LastAttemptDate is { } last)
        {
            sb.Append("    ").Append(s.LastAttempt(s.FormatDate(last))).Append("\r\n");
        }

        if (r.Action == DsnAction.Delayed && r.WillRetryUntil is { } until)
        {
            sb.Append("    ").Append(s.RetryUntil(s.FormatDate(until))).Append("\r\n");
        }
    }

    private static string Heading(DsnAction action, DsnStrings s) => action switch
    {
        DsnAction.Failed => s.HeadingFailed,
        DsnAction.Delayed => s.HeadingDelayed,
        DsnAction.Delivered => s.HeadingDelivered,
        DsnAction.Relayed => s.HeadingRelayed,
        _ => s.HeadingExpanded,
    };
}
