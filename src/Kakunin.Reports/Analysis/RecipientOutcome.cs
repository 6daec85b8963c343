using Kakunin.Protocol;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis;

/// <summary>What a report says happened to one recipient.</summary>
public sealed record RecipientOutcome
{
    /// <summary>The recipient address the report is about (Final-Recipient, or the address found in the text).</summary>
    public required string Recipient { get; init; }

    /// <summary>Original-Recipient (ORCPT), when the report gives it.</summary>
    public string? OriginalRecipient { get; init; }

    /// <summary>The DSN action, given or inferred; null for feedback reports and auto-replies.</summary>
    public DsnAction? Action { get; init; }

    /// <summary>
    /// The enhanced status code: the Status field, else the first code in the diagnostic text, else
    /// derived from the reply code and the reason.
    /// </summary>
    public EnhancedStatusCode? Status { get; init; }

    /// <summary>The SMTP reply code found in the diagnostic (RFC 5321 §4.2), if any.</summary>
    public int? ReplyCode { get; init; }

    /// <summary>Why, in the <see cref="BounceReason"/> taxonomy.</summary>
    public BounceReason Reason { get; init; }

    /// <summary>
    /// True when retrying to this address is pointless (the address or its domain does not exist or
    /// has moved): see <see cref="BounceReasons.IsHard"/>.
    /// </summary>
    public bool HardBounce { get; init; }

    /// <summary>The remote server's own words, one line, trimmed.</summary>
    public string? Diagnostic { get; init; }

    /// <summary>
    /// The SMTP command the remote server refused, when the report says: "CONN", "HELO", "MAIL",
    /// "RCPT" or "DATA" (end of data included).
    /// </summary>
    /// <remarks>
    /// For a standard DSN whose fields do not name it, it is found in the report's prose on first read (read it
    /// before disposing the message): most readers never ask, and the search was a sixth of the analysis
    /// (docs/benchmarks.md §5).
    /// </remarks>
    public string? SmtpCommand
    {
        get => smtpCommand.Value;
        init => smtpCommand = value is null ? DeferredText.None : new DeferredText(value);
    }

    /// <summary><see cref="SmtpCommand"/>, found when first read.</summary>
    internal Lazy<string?>? SmtpCommandSource
    {
        init => smtpCommand = value is null ? DeferredText.None : new DeferredText(value);
    }

    private readonly DeferredText smtpCommand = DeferredText.None;

    /// <summary>The MTA that gave the diagnostic (Remote-MTA, or the host named in the text).</summary>
    public string? RemoteMta { get; init; }
}
