using System.Globalization;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using Kakunin.Tracking;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>
/// Why a recipient failed or is delayed, from what tracking keeps: the enhanced status code (RFC 3463) and the
/// server's own words (the Diagnostic-Code text, RFC 3464 §2.3.6). The reason comes from the reports library's
/// taxonomy (<see cref="ReasonClassifier"/>, docs/bounce-reasons.md); the page shows it in plain words, then the
/// code's registered meaning (<see cref="EnhancedStatusCodeRegistry"/>), then the words verbatim.
/// </summary>
/// <param name="Reason">The reason in the taxonomy.</param>
/// <param name="Status">The enhanced status code, when one was recorded and parses.</param>
/// <param name="ServerWords">The server's reply as recorded, unchanged (null when there were none).</param>
public sealed record FailureExplanation(BounceReason Reason, EnhancedStatusCode? Status, string? ServerWords)
{
    /// <summary>
    /// The explanation of a failed or delayed recipient. For a delay whose only reason would be "still retrying"
    /// (<see cref="BounceReason.Expired"/>), the reason is <see cref="BounceReason.Undefined"/>: the state already
    /// says it, and the code and the words say the rest.
    /// </summary>
    public static FailureExplanation For(TrackingState state, string? status, string? diagnostic)
    {
        EnhancedStatusCode? code = EnhancedStatusCode.TryParse(status, out var parsed) ? parsed : null;
        var words = string.IsNullOrWhiteSpace(diagnostic) ? null : diagnostic.Trim();
        var action = state == TrackingState.Delayed ? DsnAction.Delayed : DsnAction.Failed;
        var reason = ReasonClassifier.Classify(action, code, ReplyCode(words), words);
        if (state == TrackingState.Delayed && reason == BounceReason.Expired)
        {
            reason = BounceReason.Undefined;
        }

        return new FailureExplanation(reason, code, words);
    }

    /// <summary>The SMTP reply code at the start of the server's words ("550 5.1.1 …" → 550; RFC 5321 §4.2), if any.</summary>
    public static int? ReplyCode(string? words) =>
        words is { Length: >= 3 } && words[0] is >= '2' and <= '5' && char.IsAsciiDigit(words[1]) && char.IsAsciiDigit(words[2])
            && (words.Length == 3 || words[3] is ' ' or '-')
            ? int.Parse(words.AsSpan(0, 3), CultureInfo.InvariantCulture)
            : null;

    /// <summary>The code's meaning in the reader's language, from the IANA registry (falls back to subject, then class).</summary>
    public string? StatusMeaning(string language) => Status is { } code ? EnhancedStatusCodeRegistry.Describe(code, language) : null;

    /// <summary>Whether the reason says more than the code: not for a reason the report could not tell.</summary>
    public bool HasReason => Reason is not (BounceReason.Undefined or BounceReason.Delivered);
}
