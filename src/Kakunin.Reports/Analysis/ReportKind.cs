namespace Kakunin.Reports.Analysis;

/// <summary>What kind of report a message is.</summary>
public enum ReportKind
{
    /// <summary>Not a report: ordinary mail.</summary>
    None,

    /// <summary>A delivery status notification (RFC 3464 / RFC 6522 multipart/report).</summary>
    Dsn,

    /// <summary>A message disposition notification, a read receipt (RFC 8098).</summary>
    Mdn,

    /// <summary>A non-standard bounce: a failure or delay notice in prose, recognised from its text.</summary>
    Bounce,

    /// <summary>An abuse / feedback report (ARF, RFC 5965).</summary>
    Feedback,

    /// <summary>An automatic reply such as a vacation or out-of-office notice (RFC 3834).</summary>
    AutoReply,
}
