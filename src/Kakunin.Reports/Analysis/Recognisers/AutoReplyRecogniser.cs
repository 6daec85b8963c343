namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Automatic replies (RFC 3834): Auto-Submitted: auto-replied, or the vendor headers and subject
/// prefixes vacation responders use. They are not failures; the recipient is the report's sender.
/// </summary>
internal sealed class AutoReplyRecogniser : IReportRecogniser
{
    private static readonly string[] SubjectPrefixes =
    [
        "auto reply", "auto-reply", "autoreply", "automatic reply", "auto response", "autoresponse", "out of office",
        "out of the office", "vacation", "away from", "自動応答", "自動返信", "不在", "réponse automatique", "abwesenheitsnotiz",
        "automatische antwort",
    ];

    public string Format => "rfc3834";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var autoSubmitted = context.Header("Auto-Submitted")?.Trim().ToLowerInvariant();
        var isAuto = autoSubmitted?.StartsWith("auto-replied", StringComparison.Ordinal) == true
            || context.Header("X-Autoreply") is not null
            || context.Header("X-Autorespond") is not null
            || context.Header("X-Auto-Response-Suppress") is not null && context.SubjectContains(SubjectPrefixes)
            || context.Header("Precedence")?.Contains("auto_reply", StringComparison.OrdinalIgnoreCase) == true
            || context.SubjectContains(SubjectPrefixes);
        if (!isAuto || context.From.Length == 0 || IsMailerDaemon(context.From))
        {
            return null;
        }

        return new RecognisedReport(ReportKind.AutoReply, [new RawOutcome(context.From) { Reason = BounceReason.Vacation }]);
    }

    internal static bool IsMailerDaemon(string address) =>
        address.StartsWith("mailer-daemon", StringComparison.OrdinalIgnoreCase)
        || address.StartsWith("postmaster", StringComparison.OrdinalIgnoreCase);
}
