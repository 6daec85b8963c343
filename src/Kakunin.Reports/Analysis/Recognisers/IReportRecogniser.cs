using Kakunin.Protocol;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// One family of reports. <see cref="ReportAnalyzer"/> tries the recognisers in order and takes the
/// first result; a recogniser returns null when the message is not of its family.
/// </summary>
internal interface IReportRecogniser
{
    /// <summary>The family name reported in <see cref="ReportAnalysis.Format"/>.</summary>
    string Format { get; }

    RecognisedReport? TryRecognise(ReportContext context);
}

/// <summary>What a recogniser read, before the reason classifier and status derivation run.</summary>
internal sealed record RecognisedReport(ReportKind Kind, IReadOnlyList<RawOutcome> Recipients)
{
    public string? OriginalEnvelopeId { get; init; }
    public string? OriginalMessageId { get; init; }
    public string? FeedbackType { get; init; }
    public string? Disposition { get; init; }

    /// <summary>The typed RFC 3464 report, when the recogniser parsed one.</summary>
    public DeliveryStatusReport? Dsn { get; init; }

    /// <summary>The typed RFC 8098 notification, when the recogniser parsed one.</summary>
    public Mdn.DispositionNotification? Mdn { get; init; }
}

/// <summary>One recipient as a recogniser found it: whatever fields it could read.</summary>
internal sealed record RawOutcome(string Recipient)
{
    public string? OriginalRecipient { get; init; }
    public DsnAction? Action { get; init; }
    public EnhancedStatusCode? Status { get; init; }
    public int? ReplyCode { get; init; }
    public string? Diagnostic { get; init; }

    /// <summary>The diagnostic's type (RFC 3464 Diagnostic-Code "smtp", "x-unix", ...), when the report gives one.</summary>
    public string? DiagnosticType { get; init; }
    public string? RemoteMta { get; init; }

    /// <summary>The SMTP command the remote server refused (<see cref="BounceText.SmtpCommands"/>), when the report says.</summary>
    public string? Command
    {
        get => command?.Value;
        init => command = value is null ? null : new Lazy<string?>(value);
    }

    /// <summary>
    /// Finds <see cref="Command"/> only when it is read: for a one-recipient DSN whose fields do not name it, finding it
    /// means decoding and searching the whole prose, and the classifier needs the stage only for a few reasons
    /// (docs/benchmarks.md §5).
    /// </summary>
    public Func<string?>? CommandBuilder
    {
        init
        {
            if (value is not null)
            {
                command = new Lazy<string?>(value, LazyThreadSafetyMode.None);
            }
        }
    }

    /// <summary><see cref="Command"/> not yet found, for the classifier and the outcome; null when there is none.</summary>
    public Lazy<string?>? CommandSource => command;

    private readonly Lazy<string?>? command;

    /// <summary>A reason the format itself states (e.g. a JSON bounce type), used before classifying.</summary>
    public BounceReason? Reason { get; init; }

    /// <summary>Wider text around the recipient, used for the reason when the diagnostic says nothing.</summary>
    public string? Context
    {
        get => context?.Value;
        init => context = new Lazy<string?>(value);
    }

    /// <summary>
    /// Builds <see cref="Context"/> only when it is read: the classifier reads it only when nothing more precise
    /// decides, and building it copies the report's text (docs/benchmarks.md §5).
    /// </summary>
    public Func<string?> ContextBuilder
    {
        init => context = new Lazy<string?>(value, LazyThreadSafetyMode.None);
    }

    /// <summary><see cref="Context"/> not yet built, for the classifier.</summary>
    public Lazy<string?>? ContextSource => context;

    private readonly Lazy<string?>? context;
}
