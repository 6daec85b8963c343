namespace Kakunin.Cli.Reports;

/// <summary>
/// One line of <c>kakunin report parse</c> output: one recipient of one report, or one line with
/// kind <c>none</c> for a message that is not a report. Serialised as camelCase JSON; every
/// property is always present (null when unknown) so that scripts can rely on the shape.
/// </summary>
public sealed record ReportLine
{
    public required string File { get; init; }

    /// <summary>dsn, mdn, bounce, feedback, autoreply or none.</summary>
    public required string Kind { get; init; }

    /// <summary>The recogniser family that read the report (rfc3464, postfix, exim, ...).</summary>
    public string? Format { get; init; }

    public string? Recipient { get; init; }

    public string? OriginalRecipient { get; init; }

    public string? Action { get; init; }

    public string? Status { get; init; }

    public int? ReplyCode { get; init; }

    public string? Reason { get; init; }

    public bool? HardBounce { get; init; }

    public string? Diagnostic { get; init; }

    public string? RemoteMta { get; init; }

    /// <summary>The SMTP command the remote server refused (CONN, HELO, MAIL, RCPT, DATA), when the report says.</summary>
    public string? SmtpCommand { get; init; }

    public string? Disposition { get; init; }

    public string? FeedbackType { get; init; }

    public string? OriginalEnvelopeId { get; init; }

    public string? OriginalMessageId { get; init; }
}
