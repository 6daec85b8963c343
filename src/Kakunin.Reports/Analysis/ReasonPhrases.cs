namespace Kakunin.Reports.Analysis;

/// <summary>
/// The phrase tables of the reason classifier, in two tiers. <see cref="Precise"/>: multi-word
/// wordings (and a few unambiguous names such as block-list services) that say one cause; they refine
/// the status code. <see cref="CatchAll"/>: single words and loose wordings ("rejected", "denied",
/// "policy", "content", "timeout") that only decide when neither a precise phrase nor a specific
/// status code did. Within a tier, rows are ordered from specific to general and the first row with a
/// phrase in the text wins. Matching is case-insensitive (ASCII), in one pass for both tiers and the
/// vendor codes together (<see cref="ReasonWords"/>).
/// </summary>
internal static class ReasonPhrases
{
    public static readonly (BounceReason Reason, string[] Phrases)[] Precise =
    [
        // A temporary DNS failure while the message waited (Exchange Online 5.4.312 "Message expired, DNS
        // query failed"): the DNS failure is the cause, the expiry its consequence.
        (BounceReason.NetworkError, ["dns query failed"]),
        // Exim names a failed pipe delivery "pipe to |command": the command failed, whatever it printed.
        (BounceReason.MailerError, ["pipe to |"]),
        (BounceReason.RequirePtr, ["reverse dns", "ptr record", "no ptr", "cannot find your hostname", "cannot find your reverse hostname", "cannot resolve your address", "reverse lookup", "no reverse", "ip name lookup failed", "does not have a ptr", "mismatches client ip", "rdns"]),
        // An address that does not parse (Exim "malformed address", Sendmail/Postfix "bad address syntax").
        (BounceReason.SyntaxError, ["malformed address", "bad address syntax"]),
        (BounceReason.NotCompliantRfc, ["rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "multiple addresses in from", "duplicate header", "multiple subject", "multiple from", "not rfc compliant", "headers are not compliant", "bare lf", "message-id header"]),
        (BounceReason.PolicyViolation, ["content presents a potential", "rejected for policy reasons", "denied by policy", "not accepted for policy reasons", "violates our policy", "policy violation"]),
        (BounceReason.SpamDetected, ["blacklisted url", "uribl", "surbl", "spam classification", "judged to be spam", "likely unsolicited mail", "identified as spam", "looks like spam", "detected as spam", "rejected as spam", "message is spam", "spam detected", "spam message", "spam content", "score too high", "content filter rejection", "blocked by the content filter", "suspicious content", "message content rejected", "unsolicited bulk"]),
        (BounceReason.Rejected, ["sender address rejected", "sender rejected", "sender verify failed", "domain of sender", "sender domain", "permission to post", "sender was rejected", "envelope sender domain must exist", "not allowed to send to this list", "not subscribed", "sender verification", "envelope sender", "sender is not allowed", "sender denied", "invalid sender", "bad sender", "unknown sender", "sender unknown"]),
        (BounceReason.TooManyConn, ["frequency limited", "too many connections", "too many concurrent", "connection limit", "too many sessions", "max connections", "too many recipients", "too many hosts"]),
        (BounceReason.Speeding, ["receiving mail at a rate", "receiving mail too quickly", "rate limit", "rate-limited", "ratelimit", "sending rate", "too many messages in", "throttl"]),
        (BounceReason.NotAccept, ["does not accept mail", "doesn't receive email", "does not receive email", "accepts no mail", "null mx", "not accepting mail"]),
        // A resolver's temporary failure ("Host not found, try again": RES_TRYAGAIN / EAI_AGAIN, Postfix and others)
        // before the host-not-found wordings it contains, so "host not found" alone can mean the host does not exist.
        (BounceReason.NetworkError, ["host not found, try again"]),
        (BounceReason.HostUnknown, ["responded with code nxdomain", "domain name not found", "host or domain name not found", "couldn't find any host named", "find a mail exchanger", "all relevant mx records point to non-existent hosts", "unrouteable address", "unrouteable mail domain", "no mx record", "host unknown", "unknown host", "no such domain", "domain does not exist", "domain not found", "unknown domain", "name or service not known", "not a valid domain", "invalid domain", "no route found to domain", "no mx or a records", "host not found"]),
        (BounceReason.NetworkError, ["name server reply", "lookup of", "dns error", "name server", "mx lookup", "hostname lookup failed", "unresolvable", "no route to host"]),
        (BounceReason.Blocked, ["client host blocked", "client host rejected", "ip blocked", "blocked ip", "ip source bloquee", "blocked using", "blacklisted", "blocklisted", "invalid ip for sending", "service refused", "service refuse", "block list", "blocklist", "blacklist", "black list", "dnsbl", "spamhaus", "spamcop", "sorbs", "barracudacentral", "barracuda reputation", "poor reputation", "dynamic ip", "residential ip", "connections will not be accepted", "administrative prohibition"]),
        (BounceReason.AuthFailure, ["spf check", "spf fail", "spf validation", "spf record", "sender policy framework", "dkim", "dmarc", "authentication failed for", "unauthenticated email", "sender is unauthenticated", "not authenticate", "sender address could not be authenticated"]),
        (BounceReason.VirusDetected, ["virus", "malware", "infected", "trojan"]),
        (BounceReason.NoRelaying, ["relay access denied", "relaying denied", "relay denied", "relay not permitted", "not permitted to relay", "relaying not allowed", "unable to relay", "we do not relay", "relay prohibited", "relaying mail to", "not allowed to relay", "no relaying", "is not a gateway", "open relay", "relay not allowed", "list of allowed rcpthosts"]),
        (BounceReason.ExceedLimit, ["limit set by recipient", "limit exceeded for this recipient", "exceeded the message limit"]),
        (BounceReason.MesgTooBig, ["message size exceeds", "message too large", "message is too large", "message too big", "message exceeds the maximum", "exceeds size limit", "exceeds the size limit", "message length exceeds", "too large for this", "maximum message size", "message is larger than", "exceeded the maximum allowed size", "size limit"]),
        (BounceReason.MailboxFull, ["mailbox full", "mailbox is full", "mailbox has exceeded", "over quota", "overquota", "quota exceeded", "exceeded storage", "exceeded its quota", "exceeds quota", "quota exceed", "disk quota", "mailfolder is full", "mail box full", "mailbox size limit", "storage limit", "user is over", "account is full", "inbox is full", "mailbox exceeds", "mailbox exceeded", "full mailbox", "mailbox would exceed", "mail file is full", "over the allowed quota"]),
        (BounceReason.Suspend, ["account disabled", "account has been disabled", "account is disabled", "mailbox disabled", "mailbox has been disabled", "mailbox is disabled", "account is inactive", "inactive account", "mailbox is inactive", "account suspended", "has been suspended", "is suspended", "suspended account", "account has been frozen", "mailbox is frozen", "account is locked", "temporarily disabled", "no longer active", "expired account", "account expired", "is disabled", "deactivated"]),
        (BounceReason.HasMoved, ["has moved", "no longer with", "address changed", "forwarding address"]),
        (BounceReason.UserUnknown, ["user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient", "no such account", "no such person", "no such local user", "unknown recipient", "recipient unknown", "unknown address", "address unknown", "user not found", "recipient not found", "mailbox not found", "mailbox unavailable", "mailbox is unavailable", "mailbox does not exist", "user does not exist", "user not exist", "address does not exist", "account does not exist", "the email account that you tried to reach does not exist", "invalid recipient", "invalid mailbox", "invalid user", "bad recipient", "unknown local part", "unknown or illegal alias", "no mailbox here", "not a valid mailbox", "not a valid recipient", "no valid recipients", "addressee unknown", "not listed in", "name is not recognized", "is not a known user", "user doesn't have", "not our customer", "unknown mailbox", "user invalid", "rejected: user", "invalid final delivery", "check if address is correct", "undeliverable address", "invalid destination", "account unavailable", "no mail box", "the following recipients could not be verified"]),
        (BounceReason.MailerError, ["command died", "command output", "mailer error", "procmail", "program exited", "exited with", "local delivery failed", "error in command", "local mailer"]),
        (BounceReason.SystemFull, ["mail system full", "system full", "disk full", "out of disk", "insufficient system storage", "queue full", "insufficient storage", "not enough space"]),
        (BounceReason.SecurityError, ["authentication required", "must authenticate", "encryption required", "starttls", "certificate"]),
        (BounceReason.Expired, ["still undelivered", "will keep trying", "retry timeout exceeded", "retry time not reached", "delivery time expired", "message expired", "has been delayed", "delivery delayed", "been in the queue too long", "queue too long", "too long in queue", "could not be delivered within", "not delivered within", "not yet been delivered", "will continue to try"]),
        (BounceReason.NetworkError, ["connection timed out", "connection refused", "could not connect", "unable to connect", "network is unreachable", "lost connection", "connection reset", "too many hops", "routing loop", "mail loop", "loops back", "hop count", "network error", "connection closed", "broken pipe", "establish an smtp connection"]),
        (BounceReason.SyntaxError, ["syntax error", "command unrecognized", "command not recognized", "unrecognized command", "bad syntax", "line too long", "invalid command"]),
        (BounceReason.SystemError, ["system error", "internal error", "server error", "configuration error", "local configuration", "misconfigur", "i/o error", "system not accepting", "isn't in my control/locals file"]),
    ];

    public static readonly (BounceReason Reason, string[] Phrases)[] CatchAll =
    [
        (BounceReason.UserUnknown, ["does not exist", "doesn't exist", "not exist", "no such", "invalid address", "no longer available", "doesn't have a", "recipient address rejected", "address rejected"]),
        (BounceReason.HostUnknown, ["domain is not"]),
        (BounceReason.MesgTooBig, ["mail size", "message size", "file too large"]),
        (BounceReason.ExceedLimit, ["for this recipient", "exceeds the limit", "exceed the limit", "message exceeded"]),
        (BounceReason.MailboxFull, ["quota", "too many messages"]),
        (BounceReason.SpamDetected, ["spam", "junk mail", "bulk mail", "unsolicited"]),
        (BounceReason.Blocked, ["rbl", "listed at", "listed on", "listed in", "is blocked", "has been blocked", "blocked by", "access denied", "your ip", "client host", "connection refused by", "connection rejected", "not allowed to send", "host rejected", "sender ip", "your host", "your server", "ip address", "banned", "rejected because of", "not permitted", "not accepting connections"]),
        (BounceReason.BadReputation, ["reputation"]),
        (BounceReason.Suspend, ["not active"]),
        (BounceReason.HasMoved, ["moved to"]),
        (BounceReason.Rejected, ["sender address", "mail from", "return path", "not permitted to send", "from address"]),
        (BounceReason.PolicyViolation, ["policy", "not allowed", "prohibited", "violat", "not authorized", "unauthorized", "forbidden", "restricted", "denied"]),
        (BounceReason.SecurityError, ["tls", "ssl", "security"]),
        (BounceReason.NotCompliantRfc, ["rfc 822", "rfc822", "malformed"]),
        (BounceReason.ContentError, ["content", "mime", "attachment", "8bit", "encoding", "conversion"]),
        (BounceReason.MailerError, ["pipe to", "x-unix"]),
        (BounceReason.Expired, ["retry time", "delayed", "giving up", "gave up", "time limit", "expired", "still trying", "deferred"]),
        (BounceReason.NetworkError, ["timed out", "timeout", "connect to", "conversation with", "no route"]),
        (BounceReason.SystemError, ["temporary failure", "temporary error", "service unavailable", "resources", "server busy", "try later", "unavailable"]),
        (BounceReason.Filtered, ["filter", "refused by", "rejected by recipient", "recipient rejected", "not accept", "does not accept", "declined", "rejected"]),
    ];
}
