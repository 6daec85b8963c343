using Kakunin.Authentication;
using Kakunin.Reports.Analysis;

namespace Kakunin.Tracking;

/// <summary>
/// A report that came back, as <see cref="ReportIntake.Inspect"/> read it: what kind, the keys that tie it to
/// the sent message, and what it says about each recipient.
/// </summary>
public sealed record InboundReport
{
    /// <summary><see cref="ReportKind.Dsn"/>, <see cref="ReportKind.Mdn"/> or <see cref="ReportKind.Bounce"/> (a recognised non-standard bounce).</summary>
    public required ReportKind Kind { get; init; }

    /// <summary>The recogniser family: "rfc3464", "rfc8098", "qmail", "exchange", … (<see cref="ReportAnalysis.Format"/>).</summary>
    public required string Format { get; init; }

    public required ReportKeys Keys { get; init; }

    public required IReadOnlyList<ReportedRecipient> Recipients { get; init; }

    /// <summary>The report's own Message-ID, without angle brackets (null when it has none).</summary>
    public string? MessageId { get; init; }

    /// <summary>Who the report says it is from: its From address, else the Reporting-MTA (RFC 3464 §2.2.2) or Reporting-UA.</summary>
    public string? ReportedBy { get; init; }

    /// <summary>
    /// What this server found when the report arrived: its own Authentication-Results on the stored report
    /// (<see cref="MessageAuthentication.FromHeaders"/>), or null when there is none (a report that never crossed our
    /// SMTP edge, or one stored before authentication existed).
    /// </summary>
    public MessageAuthentication? Authentication { get; init; }
}
