namespace Kakunin.Reports.Analysis;

/// <summary>The result of <see cref="ReportAnalyzer.Analyze(MimeKit.MimeMessage)"/>: what a received message reports.</summary>
public sealed record ReportAnalysis
{
    public required ReportKind Kind { get; init; }

    /// <summary>
    /// Which recogniser family matched: "rfc3464", "rfc8098", "arf", "rfc3834", "postfix", "exim",
    /// "qmail", "sendmail", "exchange", "gmail", "amazonses", "domino", "courier", "opensmtpd", ...,
    /// or null when <see cref="Kind"/> is <see cref="ReportKind.None"/>.
    /// </summary>
    public string? Format { get; init; }

    public IReadOnlyList<RecipientOutcome> Recipients { get; init; } = [];

    public CorrelationKeys CorrelationKeys { get; init; } = CorrelationKeys.Empty;

    /// <summary>Feedback-Type of an ARF report (RFC 5965 §3.1): abuse, fraud, virus, other, not-spam, ...</summary>
    public string? FeedbackType { get; init; }

    /// <summary>The Disposition field of an MDN (RFC 8098 §3.2.6), as written.</summary>
    public string? Disposition { get; init; }

    /// <summary>
    /// The typed RFC 3464 report the analysis read (null for non-standard bounces): carried on, so that whoever
    /// needs a field the outcomes do not hold (Will-Retry-Until, Reporting-MTA) does not parse the message again.
    /// </summary>
    public Dsn.DeliveryStatusReport? Dsn { get; init; }

    /// <summary>The typed RFC 8098 notification the analysis read (null when the MDN lacks a required field).</summary>
    public Mdn.DispositionNotification? Mdn { get; init; }

    /// <summary>The analysis of a message that is not a report.</summary>
    public static ReportAnalysis NotAReport { get; } = new() { Kind = ReportKind.None };
}
