using System.Text.RegularExpressions;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// Tells the <see cref="BounceReason"/> from the status code, the reply code and the diagnostic text.
/// The evidence is data: ordered phrase tables (first matching row wins, so the more specific rows
/// come first) and status-code tables. See docs/bounce-reasons.md.
/// </summary>
public static partial class ReasonClassifier
{
    // Status codes specific enough to decide before the text is read (RFC 3463, RFC 7372, RFC 7505, IANA registry).
    private static readonly (string Code, BounceReason Reason)[] DecisiveStatus =
    [
        ("x.7.25", BounceReason.RequirePtr),
        ("x.7.23", BounceReason.AuthFailure),
        ("x.7.24", BounceReason.AuthFailure),
        ("x.7.26", BounceReason.AuthFailure),
        ("x.7.27", BounceReason.NotAccept),
        ("x.1.7", BounceReason.Rejected),
        ("x.1.8", BounceReason.Rejected),
        ("x.2.3", BounceReason.ExceedLimit),
        ("x.1.6", BounceReason.HasMoved),
        ("x.7.13", BounceReason.Suspend),
        ("x.7.14", BounceReason.SecurityError),
    ];

    // Ordered: the first row whose phrase occurs in the (lowercased) diagnostic wins.
    private static readonly (BounceReason Reason, string[] Phrases)[] PhraseTable =
    [
        // Exchange Online's directory-based edge blocking: the recipient is not in the tenant's directory.
        (BounceReason.UserUnknown, ["recipient address rejected: access denied"]),
        (BounceReason.RequirePtr, ["reverse dns", "ptr record", "no ptr"]),
        (BounceReason.NotCompliantRfc, ["rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "multiple addresses in from", "duplicate header", "multiple subject", "multiple from", "not rfc compliant"]),
        (BounceReason.PolicyViolation, ["content presents a potential", "rejected for policy reasons", "denied by policy"]),
        (BounceReason.SpamDetected, ["blacklisted url", "uribl", "surbl", "spam classification"]),
        (BounceReason.Rejected, ["sender address rejected", "sender rejected", "sender verify failed", "domain of sender", "sender domain", "permission to post"]),
        (BounceReason.TooManyConn, ["frequency limited", "too many connections", "too many concurrent"]),
        (BounceReason.Speeding, ["receiving mail at a rate", "rate limit", "rate-limited", "ratelimit", "too fast"]),
        (BounceReason.NotAccept, ["does not accept mail", "doesn't receive email", "does not receive email", "accepts no mail", "null mx", "not accepting mail"]),
        (BounceReason.NetworkError, ["host not found, try again", "name server reply", "responded with code nxdomain", "lookup of"]),
        (BounceReason.HostUnknown, ["host unknown", "unknown host", "no such domain", "domain does not exist", "domain not found", "host or domain name not found", "unrouteable mail domain", "no mx record", "domain name not found"]),
        (BounceReason.Blocked, ["client host blocked", "client host rejected", "ip blocked", "blocked ip", "ip source bloquee", "blocked using", "blacklisted", "blocklisted", "invalid ip for sending", "service refused", "service refuse"]),
        (BounceReason.RequirePtr, ["reverse dns", "no ptr record", "ptr record", "reverse lookup", "rdns", "cannot find your hostname", "cannot resolve your address", "client host rejected: cannot find your", "no reverse", "reverse address", "ip name lookup failed", "does not have a ptr", "mismatches client ip"]),
        (BounceReason.SpamDetected, ["spam", "junk mail", "bulk mail", "message content rejected", "suspicious content", "unsolicited", "content filter rejection", "score too high", "blocked by the content filter", "looks like spam", "identified as spam"]),
        (BounceReason.AuthFailure, ["spf check", "spf fail", "spf validation", "spf record", "sender policy framework", "dkim", "dmarc", "authentication failed for", "unauthenticated email", "not authenticate", "5.7.26", "sender address could not be authenticated"]),
        (BounceReason.VirusDetected, ["virus", "malware", "infected", "trojan"]),
        (BounceReason.NoRelaying, ["relay access denied", "relaying denied", "relay denied", "relay not permitted", "not permitted to relay", "relaying not allowed", "unable to relay", "we do not relay", "relay prohibited", "relaying mail to", "not allowed to relay", "no relaying", "is not a gateway", "open relay", "relay not allowed"]),
        (BounceReason.ExceedLimit, ["for this recipient", "limit set by recipient", "exceeds the limit", "exceed the limit", "message exceeded", "limit exceeded for this recipient", "exceeded the message limit"]),
        (BounceReason.MesgTooBig, ["message size exceeds", "message too large", "message is too large", "message too big", "message exceeds the maximum", "size limit", "exceeds size limit", "exceeds the size limit", "message length exceeds", "too large for this", "maximum message size", "message is larger than", "mail size", "message size", "exceeded the maximum allowed size", "file too large"]),
        (BounceReason.MailboxFull, ["mailbox full", "mailbox is full", "mailbox has exceeded", "over quota", "overquota", "quota exceeded", "exceeded storage", "exceeded its quota", "exceeds quota", "quota exceed", "disk quota", "mailfolder is full", "mail box full", "mailbox size limit", "storage limit", "insufficient storage", "not enough space", "user is over", "account is full", "inbox is full", "mailbox exceeds", "too many messages", "quota", "full mailbox", "mailbox would exceed", "recipient's mailbox is full"]),
        (BounceReason.Suspend, ["account disabled", "account has been disabled", "account is disabled", "is disabled", "mailbox disabled", "mailbox has been disabled", "account is inactive", "inactive account", "mailbox is inactive", "account suspended", "has been suspended", "is suspended", "suspended account", "account has been frozen", "mailbox is frozen", "account is locked", "temporarily disabled", "no longer active", "expired account", "account expired", "not active", "deactivated", "is disabled"]),
        (BounceReason.HasMoved, ["has moved", "no longer with", "address changed", "moved to", "forwarding address"]),
        (BounceReason.UserUnknown, ["user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient", "no such account", "no such person", "unknown recipient", "recipient unknown", "unknown address", "address unknown", "user not found", "recipient not found", "mailbox not found", "mailbox unavailable", "mailbox does not exist", "user does not exist", "address does not exist", "account does not exist", "does not exist", "doesn't exist", "not exist", "invalid recipient", "invalid mailbox", "invalid address", "invalid user", "bad recipient", "unknown local part", "unknown or illegal alias", "no mailbox here", "not a valid mailbox", "no valid recipients", "addressee unknown", "unrouteable address", "not listed in", "name is not recognized", "recipient name is not recognized", "is not a known user", "user doesn't have", "this user doesn't have", "not our customer", "no such local user", "unknown mailbox", "mailbox is unavailable", "user invalid", "rejected: user", "invalid final delivery", "check if address is correct", "undeliverable address", "the email account that you tried to reach does not exist", "not a valid recipient", "no longer available", "invalid destination", "account unavailable", "no mail box", "no such", "doesn't have a", "the following recipients could not be verified"]),
        (BounceReason.HostUnknown, ["host unknown", "unknown host", "host not found", "domain not found", "no such domain", "domain does not exist", "name or service not known", "unrouteable mail domain", "nxdomain", "name server", "mx lookup", "no mx", "hostname lookup failed", "unknown domain", "domain name not found", "host or domain name not found", "dns error", "not a valid domain", "domain is not", "invalid domain", "unresolvable", "no route to host"]),
        (BounceReason.NotAccept, ["does not accept mail", "accepts no mail", "null mx", "not accepting mail", "not accept mail"]),
        (BounceReason.Blocked, ["blacklist", "blocklist", "block list", "black list", "rbl", "dnsbl", "spamhaus", "spamcop", "sorbs", "listed at", "listed on", "listed in", "is blocked", "has been blocked", "blocked using", "blocked by", "access denied", "ip blocked", "your ip", "client host", "connection refused by", "connection rejected", "poor reputation", "not allowed to send", "host rejected", "sender ip", "your host", "your server", "ip address", "banned", "rejected because of", "administrative prohibition", "not permitted", "not accepting connections"]),
        (BounceReason.BadReputation, ["reputation", "ip reputation"]),
        (BounceReason.Speeding, ["rate limit", "rate-limited", "ratelimit", "too fast", "sending rate", "too many messages in", "throttl"]),
        (BounceReason.TooManyConn, ["too many connections", "too many concurrent", "connection limit", "too many recipients", "too many hosts", "too many sessions", "max connections"]),
        (BounceReason.Rejected, ["sender address rejected", "sender rejected", "sender domain", "sender verify failed", "sender verification", "domain of sender", "sender address", "envelope sender", "mail from", "return path", "not permitted to send", "sender is not allowed", "sender denied", "invalid sender", "bad sender", "unknown sender", "from address", "sender unknown"]),
        (BounceReason.PolicyViolation, ["policy", "not allowed", "prohibited", "violat", "not authorized", "unauthorized", "forbidden", "restricted", "denied"]),
        (BounceReason.SecurityError, ["tls", "ssl", "certificate", "starttls", "authentication required", "must authenticate", "encryption required", "security"]),
        (BounceReason.NotCompliantRfc, ["rfc 822", "rfc822", "message-id header", "malformed", "bare lf", "headers are not compliant"]),
        (BounceReason.ContentError, ["content", "mime", "attachment", "8bit", "encoding", "conversion"]),
        (BounceReason.MailerError, ["command died", "command output", "mailer error", "pipe to", "procmail", "program exited", "exited with", "x-unix", "local delivery failed", "error in command", "local mailer"]),
        (BounceReason.SystemFull, ["mail system full", "system full", "disk full", "out of disk", "insufficient system storage", "queue full"]),
        (BounceReason.Expired, ["still undelivered", "will keep trying", "retry timeout exceeded", "retry time", "delivery time expired", "message expired", "has been delayed", "delivery delayed", "delayed", "queue too long", "been in the queue too long", "too long in queue", "could not be delivered within", "giving up", "gave up", "time limit", "expired", "not yet been delivered", "still trying", "will continue to try", "deferred"]),
        (BounceReason.NetworkError, ["connection timed out", "timed out", "timeout", "connection refused", "could not connect", "unable to connect", "connect to", "network is unreachable", "lost connection", "connection reset", "too many hops", "routing loop", "mail loop", "loops back", "hop count", "network error", "conversation with", "connection closed", "broken pipe", "no route"]),
        (BounceReason.SyntaxError, ["syntax error", "command unrecognized", "command not recognized", "unrecognized command", "bad syntax", "line too long", "invalid command"]),
        (BounceReason.SystemError, ["system error", "internal error", "server error", "configuration error", "local configuration", "misconfigur", "temporary failure", "temporary error", "service unavailable", "i/o error", "resources", "system not accepting", "server busy", "try later", "unavailable"]),
        (BounceReason.UserUnknown, ["recipient address rejected", "address rejected"]),
        (BounceReason.Filtered, ["filter", "refused by", "rejected by recipient", "recipient rejected", "not accept", "does not accept", "declined", "rejected"]),
    ];

    // Status codes (subject.detail) once the text said nothing decisive (RFC 3463 §3).
    private static readonly (string Code, BounceReason Reason)[] StatusTable =
    [
        ("x.1.1", BounceReason.UserUnknown),
        ("x.1.10", BounceReason.NotAccept),
        ("x.1.0", BounceReason.UserUnknown),
        ("x.1.3", BounceReason.UserUnknown),
        ("x.1.2", BounceReason.HostUnknown),
        ("x.1.4", BounceReason.UserUnknown),
        ("x.1.7", BounceReason.Rejected),
        ("x.1.8", BounceReason.Rejected),
        ("x.2.1", BounceReason.Suspend),
        ("x.2.2", BounceReason.MailboxFull),
        ("x.2.3", BounceReason.ExceedLimit),
        ("x.2.4", BounceReason.SystemError),
        ("x.3.1", BounceReason.SystemFull),
        ("x.3.4", BounceReason.MesgTooBig),
        ("x.3.5", BounceReason.SystemError),
        ("x.4.1", BounceReason.NetworkError),
        ("x.4.2", BounceReason.NetworkError),
        ("x.4.3", BounceReason.SystemError),
        ("x.4.4", BounceReason.HostUnknown),
        ("x.4.5", BounceReason.TooManyConn),
        ("x.4.6", BounceReason.NetworkError),
        ("x.4.7", BounceReason.Expired),
        ("x.5.0", BounceReason.SyntaxError),
        ("x.5.2", BounceReason.SyntaxError),
        ("x.5.4", BounceReason.SyntaxError),
        ("x.6.0", BounceReason.ContentError),
        ("x.6.1", BounceReason.ContentError),
        ("x.6.9", BounceReason.ContentError),
        ("x.7.0", BounceReason.SecurityError),
        ("x.7.1", BounceReason.Rejected),
        ("x.7.8", BounceReason.SecurityError),
        ("x.7.9", BounceReason.SecurityError),
        ("x.7.11", BounceReason.SecurityError),
        ("x.7.7", BounceReason.SecurityError),
    ];

    /// <summary>
    /// The reason for one recipient. <paramref name="context"/> is wider text (the whole human-readable
    /// part) consulted only when the diagnostic itself decides nothing; <paramref name="command"/> is
    /// the SMTP command the remote server refused, when the report says (see BounceText.SmtpCommands).
    /// </summary>
    public static BounceReason Classify(DsnAction? action, EnhancedStatusCode? status, int? replyCode, string? diagnostic, string? context = null, string? command = null)
    {
        var reason = ClassifyCore(action, status, replyCode, diagnostic, context);
        var transient = status?.Class == 4 || (status is null && replyCode / 100 == 4);
        return reason switch
        {
            // An address refused only once the message itself was sent (RFC 5321 §3.3: the reply to
            // DATA or to its end) was refused by a filter at the destination, not unknown there,
            // unless the server's own code says the mailbox does not exist (x.1.x addressing status).
            BounceReason.UserUnknown when command == "DATA" && status?.Subject != 1 => BounceReason.Filtered,

            // A temporary DNS failure is a network problem, not a nonexistent domain.
            BounceReason.HostUnknown when transient => BounceReason.NetworkError,

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

    private static BounceReason ClassifyCore(DsnAction? action, EnhancedStatusCode? status, int? replyCode, string? diagnostic, string? context)
    {
        if (action is DsnAction.Delivered or DsnAction.Relayed or DsnAction.Expanded || status?.Class == 2
            || (replyCode is >= 200 and < 300 && status is null && action is null or DsnAction.Delivered))
        {
            return BounceReason.Delivered;
        }

        if (status is { } decisive && Lookup(DecisiveStatus, decisive) is { } fromStatus)
        {
            return fromStatus;
        }

        if (FromText(diagnostic) is { } fromText)
        {
            return fromText;
        }

        if (action == DsnAction.Delayed)
        {
            return BounceReason.Expired;
        }

        if (status is { } code && Lookup(StatusTable, code) is { } fromCode)
        {
            return fromCode;
        }

        if (FromText(context) is { } fromContext)
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

    /// <summary>The reason the text alone states, or null.</summary>
    public static BounceReason? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A multi-line reply repeats its code on each line ("550-5.7.1 ... 550-5.7.1 ..."): drop the
        // repeats so a phrase broken across lines still reads as one.
        var lower = ContinuationPattern().Replace(text, " ").ToLowerInvariant();
        foreach (var (reason, phrases) in PhraseTable)
        {
            foreach (var phrase in phrases)
            {
                if (lower.Contains(phrase, StringComparison.Ordinal))
                {
                    return reason;
                }
            }
        }

        return null;
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

    private static BounceReason? Lookup((string Code, BounceReason Reason)[] table, EnhancedStatusCode status)
    {
        var key = $"x.{status.Subject}.{status.Detail}";
        foreach (var (code, reason) in table)
        {
            if (code == key)
            {
                return reason;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\s+(?:[245]\d\d[- ][245]\.\d{1,3}\.\d{1,3}\s+|[245]\d\d-)", RegexOptions.CultureInvariant)]
    private static partial Regex ContinuationPattern();
}
