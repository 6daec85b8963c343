using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>Replies specific to the server that Kakunin.Protocol's <see cref="SmtpReplies"/> does not name.</summary>
internal static class SmtpServerReplies
{
    private static readonly EnhancedStatusCode OtherSecurityTransient = EnhancedStatusCodes.OtherSecurity.WithClass(4);
    private static readonly EnhancedStatusCode MailSystemFull = new(4, 3, 1);

    /// <summary>421 4.7.0 too many negative replies (Postfix smtpd_hard_error_limit); RFC 5321 §3.8 lets a server close with 421.</summary>
    public static readonly SmtpReply TooManyErrors = new(421, OtherSecurityTransient, "Too many errors, closing connection");

    /// <summary>421 4.7.0 too many connections from one address.</summary>
    public static readonly SmtpReply TooManyConnectionsFromAddress = new(421, null, "Too many connections from your address, try again later");

    /// <summary>421 4.3.2 too many connections overall.</summary>
    public static readonly SmtpReply TooManyConnections = new(421, null, "Too many connections, try again later");

    /// <summary>
    /// 421 4.7.0 the connection limit was reached and this idle session's slot went to a new client (RFC 5321 §3.8 lets
    /// a server close with 421; Postfix under stress shortens waits for the same end).
    /// </summary>
    public static readonly SmtpReply ClosingIdleSession = new(421, OtherSecurityTransient, "Too many connections, closing idle session");

    /// <summary>421 4.7.0 STARTTLS was followed by pipelined plaintext (RFC 3207 §5, the STARTTLS command-injection attack, CVE-2011-0411).</summary>
    public static readonly SmtpReply PipelinedAfterStartTls = new(421, OtherSecurityTransient, "Commands after STARTTLS in the same packet, closing connection");

    /// <summary>500 5.5.2 a line longer than the limit (RFC 5321 §4.5.3.1.4, §4.2.2 "line too long").</summary>
    public static readonly SmtpReply LineTooLong = new(500, EnhancedStatusCodes.SyntaxError, "Line too long");

    /// <summary>500 5.5.2 bytes that are not a command (CR, NUL or invalid UTF-8 in a command line).</summary>
    public static readonly SmtpReply BadCommandBytes = new(500, EnhancedStatusCodes.SyntaxError, "Syntax error, invalid characters in command");

    /// <summary>503 5.5.1 with a reason.</summary>
    public static SmtpReply BadSequence(string text) => new(503, EnhancedStatusCodes.InvalidCommand, text);

    /// <summary>250 2.1.5 a recipient already accepted in this transaction: kept once (RFC 5321 §3.3 lets a server drop duplicates).</summary>
    public static readonly SmtpReply DuplicateRecipient = new(250, EnhancedStatusCodes.DestinationAddressValid, "Duplicate recipient, delivered once");

    /// <summary>554 5.5.1 DATA with no accepted recipient (RFC 5321 §3.3 and RFC 2920 §3.1 "no valid recipients").</summary>
    public static readonly SmtpReply NoValidRecipients = new(554, EnhancedStatusCodes.InvalidCommand, "No valid recipients");

    /// <summary>502 5.5.1 EXPN is not offered (RFC 5321 §3.5.2 allows that).</summary>
    public static readonly SmtpReply ExpnDisabled = new(502, EnhancedStatusCodes.InvalidCommand, "EXPN not available");

    /// <summary>252 2.5.2 VRFY without checking (RFC 5321 §3.5.3), so addresses can't be harvested.</summary>
    public static readonly SmtpReply CannotVerify = new(252, new EnhancedStatusCode(2, 5, 2), "Cannot VRFY user, but will accept message and attempt delivery");

    /// <summary>214 2.0.0 help (RFC 5321 §4.1.1.8).</summary>
    public static readonly SmtpReply Help = new(214, EnhancedStatusCodes.Success, "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH", "See RFC 5321");

    /// <summary>220 2.0.0 go ahead with TLS (RFC 3207 §4).</summary>
    public static readonly SmtpReply ReadyForTls = new(220, EnhancedStatusCodes.Success, "Ready to start TLS");

    /// <summary>454 4.7.0 TLS not available (RFC 3207 §4).</summary>
    public static readonly SmtpReply TlsNotAvailable = new(454, OtherSecurityTransient, "TLS not available due to temporary reason");

    /// <summary>235 2.7.0 (RFC 4954 §6).</summary>
    public static readonly SmtpReply AuthSucceeded = new(235, new EnhancedStatusCode(2, 7, 0), "Authentication successful");

    /// <summary>501 5.7.0 the client cancelled with "*" (RFC 4954 §4).</summary>
    public static readonly SmtpReply AuthCancelled = new(501, EnhancedStatusCodes.OtherSecurity, "Authentication cancelled");

    /// <summary>501 5.5.2 a response that is not base64 (RFC 4954 §4).</summary>
    public static readonly SmtpReply AuthBadBase64 = new(501, EnhancedStatusCodes.SyntaxError, "Cannot decode base64 response");

    /// <summary>504 5.5.4 unknown SASL mechanism (RFC 4954 §4).</summary>
    public static readonly SmtpReply AuthUnknownMechanism = new(504, EnhancedStatusCodes.InvalidArguments, "Unrecognized authentication type");

    /// <summary>538 5.7.11 AUTH needs TLS here (RFC 4954 §6, RFC 5248 X.7.11).</summary>
    public static readonly SmtpReply AuthNeedsTls = new(538, new EnhancedStatusCode(5, 7, 11), "Encryption required for requested authentication mechanism");

    /// <summary>
    /// 550 5.5.2 a bare CR or LF in DATA (RFC 5321 §2.3.8: lines end with CRLF only). Refused whole, after the real
    /// end, to defeat SMTP smuggling (CVE-2023-51764/51765/51766); Postfix 3.9 <c>smtpd_forbid_bare_newline</c> uses 550 too.
    /// </summary>
    public static readonly SmtpReply BareLineEnding = new(550, EnhancedStatusCodes.SyntaxError, "Message refused: bare CR or LF in message content (lines must end with CRLF)");

    /// <summary>
    /// 452 4.3.1 the spool is full, overall or for this client address (RFC 5321 §4.2.3 452 "insufficient system
    /// storage", allowed for DATA and after the end of data by §4.3.2; RFC 3463 X.3.1 "mail system full"). Transient:
    /// the client keeps the message and retries; the session goes on.
    /// </summary>
    public static readonly SmtpReply SpoolFull = new(452, MailSystemFull, "Insufficient system storage, try again later");

    /// <summary>
    /// 452 4.3.1 the disk filled up while the content was being written to the spool (ENOSPC, EDQUOT): as
    /// <see cref="SpoolFull"/>, but the file system itself is full, and the words say so. Any other write failure of the
    /// spool is <see cref="SpoolWriteFailed"/>.
    /// </summary>
    public static readonly SmtpReply SpoolDiskFull = new(452, MailSystemFull, "Insufficient system storage: this server's disk is full and your message was not stored; try again later");

    /// <summary>451 4.3.0 the spool file could not be written for another reason than a full disk (RFC 3463 X.3.0).</summary>
    public static readonly SmtpReply SpoolWriteFailed = new(451, new EnhancedStatusCode(4, 3, 0), "Requested action aborted: local error in processing (the message could not be written to disk); try again later");

    /// <summary>452 4.3.1 this address has too many message bytes in progress (as <see cref="SpoolFull"/>, scoped to one client).</summary>
    public static readonly SmtpReply TooManyBytesFromAddress = new(452, MailSystemFull, "Too many message bytes in progress from your address, try again later");

    /// <summary>
    /// 451 4.3.0 too many transactions from this address in DATA/BDAT at once (RFC 5321 §4.3.2 allows 451 for DATA;
    /// RFC 3463 X.3.0: a transient condition of the mail system, not of storage). The session goes on.
    /// </summary>
    public static readonly SmtpReply TooManyTransactionsFromAddress = new(451, new EnhancedStatusCode(4, 3, 0), "Too many messages in progress from your address, try again later");

    /// <summary>554 5.6.0 NUL octets are never allowed in a message (RFC 5321 §4.5.2, RFC 5322 §2.1).</summary>
    public static readonly SmtpReply NulInMessage = new(554, EnhancedStatusCodes.OtherMediaError, "Message refused: NUL characters in message content");

    /// <summary>334 with a base64 challenge (RFC 4954 §4); 3xx carries no enhanced code (RFC 2034 §4).</summary>
    public static SmtpReply AuthChallenge(string base64) => new(334, null, base64);
}
