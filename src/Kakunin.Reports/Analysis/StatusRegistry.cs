using Kakunin.Protocol;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// The enhanced status codes by their registered meaning: RFC 3463 §3 (subjects and details), the
/// IANA "SMTP Enhanced Status Codes" registry that RFC 5248 set up
/// (https://www.iana.org/assignments/smtp-enhanced-status-codes), and the RFCs that added codes to it
/// (RFC 4954 AUTH, RFC 5248, RFC 6531 SMTPUTF8, RFC 6710 priorities, RFC 7293 RRVS, RFC 7372
/// authentication checks, RFC 7505 null MX, RFC 8617 ARC, RFC 8689 REQUIRETLS). Each code maps to the
/// reason its title names, and to how much it says:
/// <see cref="StatusStrength.Decisive"/> decides before any text is read; <see cref="StatusStrength.Specific"/>
/// decides once precise phrases said nothing; <see cref="StatusStrength.Generic"/> ("other or undefined",
/// x.4.1, and x.7.1 "delivery not authorized", which servers use for every refusal) only after the text's
/// single-word catch-alls.
/// </summary>
public static class StatusRegistry
{
    /// <summary>One registered code (class-less: subject and detail), its title, the reason it implies and its strength.</summary>
    public sealed record Entry(int Subject, int Detail, string Title, BounceReason Reason, StatusStrength Strength);

    private static readonly Entry[] Entries =
    [
        // X.1 addressing (RFC 3463 §3.2)
        new(1, 0, "Other address status", BounceReason.UserUnknown, StatusStrength.Generic),
        new(1, 1, "Bad destination mailbox address", BounceReason.UserUnknown, StatusStrength.Specific),
        new(1, 2, "Bad destination system address", BounceReason.HostUnknown, StatusStrength.Specific),
        new(1, 3, "Bad destination mailbox address syntax", BounceReason.UserUnknown, StatusStrength.Specific),
        new(1, 4, "Destination mailbox address ambiguous", BounceReason.UserUnknown, StatusStrength.Specific),
        new(1, 6, "Destination mailbox has moved, No forwarding address", BounceReason.HasMoved, StatusStrength.Decisive),
        new(1, 7, "Bad sender's mailbox address syntax", BounceReason.Rejected, StatusStrength.Decisive),
        new(1, 8, "Bad sender's system address", BounceReason.Rejected, StatusStrength.Decisive),
        new(1, 10, "Recipient address has null MX", BounceReason.NotAccept, StatusStrength.Specific), // RFC 7505 §4.2

        // X.2 mailbox (RFC 3463 §3.3)
        new(2, 0, "Other or undefined mailbox status", BounceReason.Filtered, StatusStrength.Generic),
        new(2, 1, "Mailbox disabled, not accepting messages", BounceReason.Suspend, StatusStrength.Specific),
        new(2, 2, "Mailbox full", BounceReason.MailboxFull, StatusStrength.Specific),
        new(2, 3, "Message length exceeds administrative limit", BounceReason.ExceedLimit, StatusStrength.Decisive),
        new(2, 4, "Mailing list expansion problem", BounceReason.SystemError, StatusStrength.Specific),

        // X.3 mail system (RFC 3463 §3.4)
        new(3, 0, "Other or undefined mail system status", BounceReason.SystemError, StatusStrength.Generic),
        new(3, 1, "Mail system full", BounceReason.SystemFull, StatusStrength.Specific),
        new(3, 2, "System not accepting network messages", BounceReason.NotAccept, StatusStrength.Specific),
        new(3, 3, "System not capable of selected features", BounceReason.SystemError, StatusStrength.Specific),
        new(3, 4, "Message too big for system", BounceReason.MesgTooBig, StatusStrength.Specific),
        new(3, 5, "System incorrectly configured", BounceReason.SystemError, StatusStrength.Specific),

        // X.4 network and routing (RFC 3463 §3.5)
        new(4, 0, "Other or undefined network or routing status", BounceReason.NetworkError, StatusStrength.Generic),
        // Servers that did answer write x.4.1 for refusals too (Microsoft's 5.4.1 "access denied"):
        // the registered "no answer" is then plainly not what happened, so it decides only last.
        new(4, 1, "No answer from host", BounceReason.NetworkError, StatusStrength.Generic),
        new(4, 2, "Bad connection", BounceReason.NetworkError, StatusStrength.Specific),
        new(4, 3, "Directory server failure", BounceReason.SystemError, StatusStrength.Specific),
        new(4, 4, "Unable to route", BounceReason.HostUnknown, StatusStrength.Specific),
        new(4, 5, "Mail system congestion", BounceReason.SystemFull, StatusStrength.Specific),
        new(4, 6, "Routing loop detected", BounceReason.NetworkError, StatusStrength.Specific),
        new(4, 7, "Delivery time expired", BounceReason.Expired, StatusStrength.Specific),

        // X.5 mail delivery protocol (RFC 3463 §3.6; x.5.6 RFC 4954)
        new(5, 0, "Other or undefined protocol status", BounceReason.SyntaxError, StatusStrength.Generic),
        new(5, 1, "Invalid command", BounceReason.SyntaxError, StatusStrength.Specific),
        new(5, 2, "Syntax error", BounceReason.SyntaxError, StatusStrength.Specific),
        new(5, 3, "Too many recipients", BounceReason.TooManyConn, StatusStrength.Specific),
        new(5, 4, "Invalid command arguments", BounceReason.SyntaxError, StatusStrength.Specific),
        new(5, 5, "Wrong protocol version", BounceReason.SyntaxError, StatusStrength.Specific),
        new(5, 6, "Authentication Exchange line is too long", BounceReason.SyntaxError, StatusStrength.Specific),

        // X.6 message content or media (RFC 3463 §3.7; x.6.6 RFC 4468; x.6.7-x.6.10 RFC 6531)
        new(6, 0, "Other or undefined media error", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 1, "Media not supported", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 2, "Conversion required and prohibited", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 3, "Conversion required but not supported", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 5, "Conversion Failed", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 6, "Message content not available", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 7, "Non-ASCII addresses not permitted for that sender/recipient", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 8, "UTF-8 string reply is required, but not permitted by the SMTP client", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 9, "UTF-8 header message cannot be transferred to one or more recipients", BounceReason.ContentError, StatusStrength.Specific),
        new(6, 10, "UTF-8 string reply is required, but not permitted by the SMTP client", BounceReason.ContentError, StatusStrength.Specific),

        // X.7 security or policy (RFC 3463 §3.8; x.7.8-x.7.12 RFC 4954 / RFC 5248; x.7.13-14 RFC 5248;
        // x.7.16 RFC 6710; x.7.17-19 RFC 7293; x.7.20-26 RFC 7372; x.7.27 RFC 7505; x.7.29 RFC 8617; x.7.30 RFC 8689)
        new(7, 0, "Other or undefined security status", BounceReason.SecurityError, StatusStrength.Generic),
        new(7, 1, "Delivery not authorized, message refused", BounceReason.Rejected, StatusStrength.Generic),
        // RFC 3463: "The sender is not authorized to send a message to the intended mailing list": the sender refused.
        new(7, 2, "Mailing list expansion prohibited", BounceReason.Rejected, StatusStrength.Specific),
        new(7, 3, "Security conversion required but not possible", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 4, "Security features not supported", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 5, "Cryptographic failure", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 6, "Cryptographic algorithm not supported", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 7, "Message integrity failure", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 8, "Authentication credentials invalid", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 9, "Authentication mechanism is too weak", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 10, "Encryption Needed", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 11, "Encryption required for requested authentication mechanism", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 12, "A password transition is needed", BounceReason.SecurityError, StatusStrength.Specific),
        new(7, 13, "User Account Disabled", BounceReason.Suspend, StatusStrength.Decisive),
        new(7, 14, "Trust relationship required", BounceReason.SecurityError, StatusStrength.Decisive),
        new(7, 16, "Message is too big for the specified priority", BounceReason.MesgTooBig, StatusStrength.Specific),
        new(7, 17, "Mailbox owner has changed", BounceReason.HasMoved, StatusStrength.Decisive),
        new(7, 18, "Domain owner has changed", BounceReason.HasMoved, StatusStrength.Decisive),
        new(7, 20, "No passing DKIM signature found", BounceReason.AuthFailure, StatusStrength.Decisive),
        new(7, 21, "No acceptable DKIM signature found", BounceReason.AuthFailure, StatusStrength.Decisive),
        new(7, 22, "No valid author-matched DKIM signature found", BounceReason.AuthFailure, StatusStrength.Decisive),
        new(7, 23, "SPF validation failed", BounceReason.AuthFailure, StatusStrength.Decisive),
        new(7, 24, "SPF validation error", BounceReason.AuthFailure, StatusStrength.Decisive),
        new(7, 25, "Reverse DNS validation failed", BounceReason.RequirePtr, StatusStrength.Decisive),
        new(7, 26, "Multiple authentication checks failed", BounceReason.AuthFailure, StatusStrength.Decisive),
        new(7, 27, "Sender address has null MX", BounceReason.NotAccept, StatusStrength.Decisive),
        new(7, 29, "ARC validation failure", BounceReason.AuthFailure, StatusStrength.Decisive),
        new(7, 30, "REQUIRETLS support required", BounceReason.SecurityError, StatusStrength.Decisive),
    ];

    private static readonly Dictionary<(int, int), Entry> ByCode = Entries.ToDictionary(e => (e.Subject, e.Detail));

    /// <summary>The registered entry for the code's subject and detail, or null for a code the registry does not hold.</summary>
    public static Entry? Find(EnhancedStatusCode? status) =>
        status is { } s && ByCode.TryGetValue((s.Subject, s.Detail), out var entry) ? entry : null;

    /// <summary>The reason the code decides at the given strength or stronger, or null.</summary>
    public static BounceReason? Reason(EnhancedStatusCode? status, StatusStrength atLeast) =>
        Find(status) is { } entry && entry.Strength >= atLeast ? entry.Reason : null;

    /// <summary>Every registered entry (for documentation and tests).</summary>
    public static IReadOnlyList<Entry> All => Entries;
}

/// <summary>How much a registered status code says on its own (see <see cref="StatusRegistry"/>).</summary>
public enum StatusStrength
{
    Generic,
    Specific,
    Decisive,
}
