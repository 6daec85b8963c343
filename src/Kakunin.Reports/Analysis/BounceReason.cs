namespace Kakunin.Reports.Analysis;

/// <summary>
/// Why a message was not delivered (or what a non-failure report is). The vocabulary follows the
/// widely used sisimai taxonomy so that results compare with other tools; the wire name of each
/// value is its lowercase name (<see cref="BounceReasons.ToWire"/>). docs/bounce-reasons.md gives
/// the evidence each reason is recognised from.
/// </summary>
public enum BounceReason
{
    /// <summary>No reason could be told from the report ("undefined").</summary>
    Undefined,

    /// <summary>Not a failure: the report says the message was delivered (action delivered/relayed/expanded, status 2.x.x).</summary>
    Delivered,

    /// <summary>Not a failure: an ARF feedback report (RFC 5965), e.g. a spam complaint.</summary>
    Feedback,

    /// <summary>Not a failure: an automatic reply (RFC 3834), e.g. out of office.</summary>
    Vacation,

    /// <summary>The mailbox does not exist at the destination (5.1.1, "user unknown", "no such user"). Hard.</summary>
    UserUnknown,

    /// <summary>The recipient's domain or host does not exist or has no mail host (5.1.2, NXDOMAIN). Hard.</summary>
    HostUnknown,

    /// <summary>The recipient has moved and left no forwarding address (5.1.6). Hard.</summary>
    HasMoved,

    /// <summary>The recipient's mailbox is full or over quota (x.2.2).</summary>
    MailboxFull,

    /// <summary>The message exceeds a limit the recipient's mailbox sets (x.2.3, per-mailbox size limit).</summary>
    ExceedLimit,

    /// <summary>The message is larger than the receiving system accepts (x.3.4, "message size exceeds").</summary>
    MesgTooBig,

    /// <summary>The mailbox exists but is disabled, suspended or inactive (x.2.1 "account disabled").</summary>
    Suspend,

    /// <summary>Refused by a recipient-side filter or forwarding rule after the address was accepted.</summary>
    Filtered,

    /// <summary>The envelope sender (MAIL FROM) was refused, e.g. sender domain does not exist.</summary>
    Rejected,

    /// <summary>The sending host's IP address or name is refused (blocklist, RBL, not allowed to connect).</summary>
    Blocked,

    /// <summary>The message was judged to be spam.</summary>
    SpamDetected,

    /// <summary>The message carried a virus or malware.</summary>
    VirusDetected,

    /// <summary>Refused by the receiving organisation's policy (x.7.x policy, DMARC reject, content policy).</summary>
    PolicyViolation,

    /// <summary>Refused for a security reason: authentication required, TLS required, certificate problem.</summary>
    SecurityError,

    /// <summary>Refused because SPF, DKIM or DMARC authentication of the sender failed (x.7.23–x.7.26).</summary>
    AuthFailure,

    /// <summary>Refused because the sending IP has no or no matching reverse DNS (PTR) record (x.7.25).</summary>
    RequirePtr,

    /// <summary>Deferred or refused because of the sending IP's or domain's poor reputation.</summary>
    BadReputation,

    /// <summary>The receiving host refused to relay to the recipient ("relay access denied", 5.7.1).</summary>
    NoRelaying,

    /// <summary>The destination does not accept mail at all (null MX, RFC 7505; x.1.10 "domain accepts no mail").</summary>
    NotAccept,

    /// <summary>The message does not comply with RFC 5322 (duplicate or missing headers, bad line endings).</summary>
    NotCompliantRfc,

    /// <summary>The message content was refused as malformed (x.6.x media/conversion errors).</summary>
    ContentError,

    /// <summary>An SMTP command syntax error (x.5.x, 500/501 replies).</summary>
    SyntaxError,

    /// <summary>Too many connections or too many recipients from the sender at once (421, x.4.5 congestion).</summary>
    TooManyConn,

    /// <summary>Rate limited: the sender is sending too fast ("rate limit exceeded", "try again later").</summary>
    Speeding,

    /// <summary>Gave up after retrying for the queue lifetime, or still retrying (delayed) (x.4.7).</summary>
    Expired,

    /// <summary>A network problem reaching the recipient's host: timeout, connection refused, routing loop (x.4.x).</summary>
    NetworkError,

    /// <summary>A fault in the receiving or sending system (configuration, mail loop, x.3.x).</summary>
    SystemError,

    /// <summary>The receiving system is out of storage (x.3.1 "mail system full").</summary>
    SystemFull,

    /// <summary>A local delivery program (procmail, a pipe) failed.</summary>
    MailerError,

    /// <summary>Delivery stopped for a reason that cannot be told yet; the report is ambiguous.</summary>
    OnHold,

    /// <summary>STARTTLS was required or failed and the message was not sent.</summary>
    FailedStartTls,
}
