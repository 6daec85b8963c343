using System.Text.RegularExpressions;
using Kakunin.Protocol;
using Kakunin.Reports.Analysis.Vendors;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// Tells the <see cref="BounceReason"/> from the status code, the SMTP stage, the reply code and the
/// diagnostic text, in this order of trust (docs/bounce-reasons.md):
/// a provider's published code (<see cref="VendorCodes"/>); a status code whose registered meaning is
/// decisive (<see cref="StatusRegistry"/>); precise phrases (<see cref="ReasonPhrases.Precise"/>); a
/// delayed action; a specific status code; single-word catch-alls; a generic status code; the wider
/// text of the report; the reply code. The SMTP stage the server refused then refines the result.
/// </summary>
public static partial class ReasonClassifier
{
    /// <summary>
    /// The reason for one recipient. <paramref name="context"/> is wider text (the whole human-readable
    /// part) consulted only when the diagnostic itself decides nothing; <paramref name="command"/> is
    /// the SMTP command the remote server refused, when the report says (see BounceText.SmtpCommands);
    /// <paramref name="recipient"/> and <paramref name="remoteMta"/> key the vendor layer.
    /// </summary>
    public static BounceReason Classify(DsnAction? action, EnhancedStatusCode? status, int? replyCode, string? diagnostic, string? context = null, string? command = null, string? diagnosticType = null, string? recipient = null, string? remoteMta = null) =>
        Classify(action, status, replyCode, diagnostic, new Lazy<string?>(context), command is null ? null : new Lazy<string?>(command), diagnosticType, recipient, remoteMta);

    /// <summary>
    /// <see cref="Classify(DsnAction?, EnhancedStatusCode?, int?, string?, string?, string?, string?, string?, string?)"/> with the
    /// wider text built and the SMTP stage found only if they are read: the stage decides only an x.1.1 status or one of
    /// the reasons <see cref="SmtpStage.Refine(BounceReason, Lazy{string?}?, EnhancedStatusCode?)"/> refines.
    /// </summary>
    internal static BounceReason Classify(DsnAction? action, EnhancedStatusCode? status, int? replyCode, string? diagnostic, Lazy<string?>? context, Lazy<string?>? command, string? diagnosticType, string? recipient, string? remoteMta)
    {
        var reason = ClassifyCore(action, status, replyCode, diagnostic, context, command, recipient, remoteMta);

        // Diagnostic-Code type "X-Unix" (RFC 3464 §2.3.6): the words are a local delivery program's
        // (pipe, procmail, an exit status such as "71"), not a remote server's reply. Whatever it failed
        // with is a mailer error unless it names a mailbox-level cause.
        if (string.Equals(diagnosticType, "x-unix", StringComparison.OrdinalIgnoreCase) && reason != BounceReason.Delivered
            && FromText(diagnostic) is not (BounceReason.MailboxFull or BounceReason.MesgTooBig or BounceReason.ExceedLimit
                or BounceReason.UserUnknown or BounceReason.Suspend or BounceReason.SystemFull))
        {
            return BounceReason.MailerError;
        }

        reason = SmtpStage.Refine(reason, command, status);
        var transient = status?.Class == 4 || (status is null && replyCode / 100 == 4);
        return reason switch
        {
            // A temporary DNS failure is a network problem, not a nonexistent domain.
            BounceReason.HostUnknown when transient => BounceReason.NetworkError,

            // Still being retried after a connection failure (timed out, refused): the message is waiting out a
            // transient condition, which the convention calls expired (docs/bounce-reasons.md); a DNS failure names
            // a cause and stays a network error.
            BounceReason.NetworkError when action == DsnAction.Delayed && !IsDnsFailure(diagnostic) => BounceReason.Expired,

            // Given up (failed) after temporary failures: the message expired in the queue. A DNS
            // failure stays a network error, and a specific mail-system or directory code (x.3.x,
            // x.4.3) stays a system error: they say what went wrong, expiry only that it lasted.
            BounceReason.NetworkError when transient && action == DsnAction.Failed && !IsDnsFailure(diagnostic) => BounceReason.Expired,
            BounceReason.SystemError when transient && action == DsnAction.Failed
                && status is not { Subject: 3 } and not { Subject: 4, Detail: 3 } => BounceReason.Expired,
            BounceReason.OnHold or BounceReason.Undefined when transient && action == DsnAction.Failed => BounceReason.Expired,
            _ => reason,
        };
    }

    private static bool IsDnsFailure(string? text) =>
        text is not null && DnsPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] DnsPhrases =
    [
        "dns", "lookup of", "name server", "nxdomain", "name service", "mx record", "host not found",
    ];

    private static BounceReason ClassifyCore(DsnAction? action, EnhancedStatusCode? status, int? replyCode, string? diagnostic, Lazy<string?>? context, Lazy<string?>? command, string? recipient, string? remoteMta)
    {
        if (action is DsnAction.Delivered or DsnAction.Relayed or DsnAction.Expanded || status?.Class == 2
            || (replyCode is >= 200 and < 300 && status is null && action is null or DsnAction.Delivered))
        {
            return BounceReason.Delivered;
        }

        var words = Unfold(diagnostic);
        bool Hosts(string[] hosts) => hosts.Any(h => EndsWithHost(recipient, h) || EndsWithHost(remoteMta, h)
            || (words?.Contains(h, StringComparison.OrdinalIgnoreCase) ?? false)
            || (context?.Value?.Contains(h, StringComparison.OrdinalIgnoreCase) ?? false));

        // The word tables in one pass over the diagnostic (ReasonWords), read in the order of trust below.
        var found = words is null ? default : ReasonWords.Scan(words);
        if (VendorCodes.Find(words, found, status, Hosts) is { } fromVendor)
        {
            return fromVendor;
        }

        if (StatusRegistry.Reason(status, StatusStrength.Decisive) is { } decisive)
        {
            return decisive;
        }

        // Refused at RCPT with "bad destination mailbox" (RFC 3463 x.1.1): the address does not exist,
        // whatever else the words say.
        if (status is { Subject: 1, Detail: 1 } && command?.Value == BounceText.SmtpCommands.RcptTo)
        {
            return BounceReason.UserUnknown;
        }

        if (words is not null && found.Precise is { } precise)
        {
            return precise;
        }

        if (action == DsnAction.Delayed)
        {
            return BounceReason.Expired;
        }

        if (StatusRegistry.Reason(status, StatusStrength.Specific) is { } specific)
        {
            return specific;
        }

        if (words is not null && found.CatchAll is { } loose)
        {
            return loose;
        }

        if (StatusRegistry.Reason(status, StatusStrength.Generic) is { } generic)
        {
            return generic;
        }

        if (FromText(context?.Value) is { } fromContext)
        {
            return fromContext;
        }

        return replyCode switch
        {
            421 => BounceReason.TooManyConn,
            452 or 552 => BounceReason.MailboxFull,
            553 => BounceReason.Rejected,
            554 => BounceReason.OnHold,
            550 or 551 => BounceReason.UserUnknown,
            _ => status is null && replyCode is null ? BounceReason.Undefined : BounceReason.OnHold,
        };
    }

    /// <summary>The reason the text alone states (a provider code, a precise phrase, else a catch-all), or null.</summary>
    public static BounceReason? FromText(string? text)
    {
        var words = Unfold(text);
        if (words is null)
        {
            return null;
        }

        var found = ReasonWords.Scan(words);
        return VendorCodes.Find(words, found, null, hosts => hosts.Any(h => words.Contains(h, StringComparison.OrdinalIgnoreCase)))
            ?? found.Precise
            ?? found.CatchAll;
    }

    /// <summary>
    /// The first non-blank line of <paramref name="lines"/> (trimmed) that <see cref="FromText"/> finds a reason in, where
    /// the lines are those of <paramref name="text"/>. One pass over the lines: a line whose phrases and codes the
    /// automaton does not find, and that holds no repeated reply code, is skipped without a copy. It used to be
    /// <c>MayStateReason(text) ? first line l with MayStateReason(l) &amp;&amp; FromText(l) : null</c>, a pass over the whole
    /// text and then over the lines; the answer is the same, since whatever occurs in a line occurs in the text, so a
    /// line passes the test only where the text would have.
    /// </summary>
    internal static string? FirstLineStatingReason(string text, IReadOnlyList<string> lines)
    {
        // A repeated reply code in a line is one in the text: when the text has none, no line is tried for it.
        var continuation = ContinuationPattern().IsMatch(text);
        foreach (var raw in lines)
        {
            var span = raw.AsSpan().Trim();
            if (span.Length == 0 || (!ReasonWords.Scan(span).Any && !(continuation && ContinuationPattern().IsMatch(span))))
            {
                continue;
            }

            var line = span.Length == raw.Length ? raw : span.ToString();
            if (FromText(line) is not null)
            {
                return line;
            }
        }

        return null;
    }

    // A multi-line reply repeats its code on each line ("550-5.7.1 ... 550-5.7.1 ..."): drop the
    // repeats so a phrase broken across lines still reads as one.
    private static string? Unfold(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : ContinuationPattern().Replace(text, " ");

    private static bool EndsWithHost(string? name, string host)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var at = name.LastIndexOf('@');
        var domain = at >= 0 ? name.AsSpan(at + 1) : name.AsSpan();
        domain = domain.TrimEnd('.');
        return domain.EndsWith(host, StringComparison.OrdinalIgnoreCase)
            && (domain.Length == host.Length || domain[domain.Length - host.Length - 1] == '.');
    }

    /// <summary>A standard status code for a reason, in the class the failure has (for reports without a Status).</summary>
    public static EnhancedStatusCode StatusFor(BounceReason reason, int @class)
    {
        var (subject, detail) = reason switch
        {
            BounceReason.UserUnknown => (1, 1),
            BounceReason.HostUnknown => (1, 2),
            BounceReason.HasMoved => (1, 6),
            BounceReason.Rejected => (1, 8),
            BounceReason.Suspend => (2, 1),
            BounceReason.MailboxFull => (2, 2),
            BounceReason.ExceedLimit => (2, 3),
            BounceReason.SystemFull => (3, 1),
            BounceReason.MesgTooBig => (3, 4),
            BounceReason.NetworkError => (4, 0),
            BounceReason.TooManyConn => (4, 5),
            BounceReason.Expired => (4, 7),
            BounceReason.SyntaxError => (5, 0),
            BounceReason.ContentError => (6, 0),
            BounceReason.NoRelaying => (7, 1),
            BounceReason.Blocked or BounceReason.SpamDetected or BounceReason.PolicyViolation => (7, 1),
            BounceReason.SecurityError => (7, 0),
            BounceReason.AuthFailure => (7, 26),
            BounceReason.RequirePtr => (7, 25),
            BounceReason.NotAccept => (1, 10),
            BounceReason.Delivered => (0, 0),
            _ => (0, 0),
        };
        return new EnhancedStatusCode(reason == BounceReason.Delivered ? 2 : @class, subject, detail);
    }

    [GeneratedRegex(@"\s+(?:[245]\d\d[- ][245]\.\d{1,3}\.\d{1,3}\s+|[245]\d\d-)", RegexOptions.CultureInvariant)]
    private static partial Regex ContinuationPattern();
}
