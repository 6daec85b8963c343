using System.Text.RegularExpressions;
using Kakunin.Reports.Analysis.Recognisers;
using Kakunin.Reports.Dsn;
using MimeKit;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// Understands whatever comes back: standard DSNs (RFC 3464), read receipts (RFC 8098), feedback
/// reports (RFC 5965), auto-replies (RFC 3834) and the prose bounces of real MTAs. Recognisers are
/// tried in order (the standard formats first, the general text scanner last); the reason
/// classifier and status derivation then run on whatever the recogniser read. Never throws on
/// malformed input.
/// </summary>
public static partial class ReportAnalyzer
{
    private static readonly IReportRecogniser[] Recognisers =
    [
        new MdnRecogniser(),
        new ArfRecogniser(),
        new Rfc3464Recogniser(),
        new AmazonSesRecogniser(),
        new GmailRecogniser(),
        new QmailRecogniser(),
        new PostfixRecogniser(),
        new EximRecogniser(),
        new SendmailRecogniser(),
        new Exchange2003Recogniser(),
        new ExchangeRecogniser(),
        new DominoRecogniser(),
        new OpenSmtpdRecogniser(),
        new CourierRecogniser(),
        new ApacheJamesRecogniser(),
        new MDaemonRecogniser(),
        new AutoReplyRecogniser(),
        new MailingListRecogniser(),
        new GroupWiseRecogniser(),
        new GenericTextRecogniser(),
    ];

    /// <summary>The names of the recogniser families, in the order they are tried.</summary>
    public static IReadOnlyList<string> Formats { get; } = Recognisers.Select(r => r.Format).ToList();

    /// <summary>Analyses a parsed message. Returns <see cref="ReportAnalysis.NotAReport"/> for ordinary mail.</summary>
    public static ReportAnalysis Analyze(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var context = new ReportContext(MimeRepair.Repair(message));
            foreach (var recogniser in Recognisers)
            {
                var found = recogniser.TryRecognise(context);
                if (found is not null && (found.Recipients.Count > 0 || found.Kind is ReportKind.Feedback or ReportKind.Mdn))
                {
                    return Finish(recogniser.Format, found, context);
                }
            }
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or IOException)
        {
            // MimeKit decodes lazily (charsets, transfer encodings, headers): a broken part surfaces here.
        }

        return ReportAnalysis.NotAReport;
    }

    /// <summary>Parses and analyses raw message bytes; unparseable input is not a report.</summary>
    public static ReportAnalysis Analyze(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(stream);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or IOException)
        {
            return ReportAnalysis.NotAReport;
        }

        return Analyze(message);
    }

    /// <summary>Without the angle brackets and surrounding space; null for empty.</summary>
    public static string? StripAngles(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var trimmed = id.Trim();
        var open = trimmed.IndexOf('<', StringComparison.Ordinal);
        var close = trimmed.IndexOf('>', open + 1);
        if (open >= 0 && close > open)
        {
            trimmed = trimmed[(open + 1)..close];
        }

        trimmed = trimmed.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static ReportAnalysis Finish(string format, RecognisedReport found, ReportContext context)
    {
        var isFailureReport = found.Kind is ReportKind.Dsn or ReportKind.Bounce;
        var outcomes = new List<RecipientOutcome>();
        foreach (var raw in found.Recipients)
        {
            outcomes.Add(isFailureReport ? Classify(raw) : new RecipientOutcome
            {
                Recipient = raw.Recipient,
                OriginalRecipient = raw.OriginalRecipient,
                Reason = raw.Reason ?? BounceReason.Undefined,
            });
        }

        return new ReportAnalysis
        {
            Kind = found.Kind,
            Format = format,
            Recipients = outcomes,
            FeedbackType = found.FeedbackType,
            Disposition = found.Disposition,
            Dsn = found.Dsn,
            Mdn = found.Mdn,
            CorrelationKeys = new CorrelationKeys
            {
                OriginalEnvelopeId = found.OriginalEnvelopeId,
                OriginalMessageId = found.OriginalMessageId ?? StripAngles(context.OriginalHeader("Message-ID")) ?? MessageIdInText(context.BodyText),
                OriginalRecipients = outcomes.Select(o => o.OriginalRecipient).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                InReplyTo = StripAngles(context.Message.InReplyTo),
                References = context.Message.References.ToList(),
            },
        };
    }

    private static RecipientOutcome Classify(RawOutcome raw)
    {
        var reply = raw.ReplyCode ?? BounceText.ReplyCode(raw.Diagnostic);
        // The Status field, or the server's own code where the field says less (StatusChoice).
        var status = StatusChoice.Choose(raw.Status, raw.Diagnostic, raw.Action);
        var reason = raw.Reason ?? ReasonClassifier.Classify(raw.Action, status, reply, raw.Diagnostic, raw.ContextSource, raw.CommandSource, raw.DiagnosticType, raw.Recipient, raw.RemoteMta);
        var action = raw.Action ?? (reason == BounceReason.Delivered ? DsnAction.Delivered : DsnAction.Failed);
        if (status is null)
        {
            var @class = reply is { } r && r / 100 is 2 or 4 or 5 ? r / 100
                : action == DsnAction.Delayed ? 4
                : reason == BounceReason.Delivered ? 2
                : 5;
            status = ReasonClassifier.StatusFor(reason, @class);
        }

        return new RecipientOutcome
        {
            Recipient = raw.Recipient,
            OriginalRecipient = raw.OriginalRecipient,
            Action = action,
            Status = status,
            ReplyCode = reply,
            Reason = reason,
            HardBounce = action == DsnAction.Failed && BounceReasons.IsHard(reason, status),
            Diagnostic = raw.Diagnostic,
            SmtpCommandSource = raw.CommandSource,
            RemoteMta = raw.RemoteMta,
        };
    }

    private static string? MessageIdInText(string text)
    {
        var match = MessageIdLinePattern().Match(text);
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"^\s*Message-ID:\s*<(?<id>[^<>\s]+)>", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MessageIdLinePattern();
}
