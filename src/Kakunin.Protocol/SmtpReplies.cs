namespace Kakunin.Protocol;

/// <summary>
/// The replies a Kakunin server sends, with the reply code from RFC 5321 §4.2.2/§4.2.3 and the
/// enhanced code from RFC 3463 §3 (sent because ENHANCEDSTATUSCODES is advertised, RFC 2034).
/// </summary>
public static class SmtpReplies
{
    /// <summary>220 greeting (RFC 5321 §4.2.2 "Service ready"). RFC 2034 §4: no enhanced code on the greeting.</summary>
    public static SmtpReply ServiceReady(string domain) => new(220, null, $"{domain} ESMTP Kakunin ready");

    /// <summary>221 2.0.0 closing (RFC 5321 §4.1.1.10 QUIT).</summary>
    public static SmtpReply Closing(string domain) => new(221, EnhancedStatusCodes.Success, $"{domain} closing connection");

    /// <summary>250 2.0.0 OK (RFC 5321 §4.2.2).</summary>
    public static readonly SmtpReply Ok = new(250, EnhancedStatusCodes.Success, "OK");

    /// <summary>250 2.1.0 sender accepted (RFC 3463 §3.2 X.1.0 other address status).</summary>
    public static readonly SmtpReply SenderOk = new(250, EnhancedStatusCodes.OtherAddressStatus, "Sender OK");

    /// <summary>250 2.1.5 recipient accepted (RFC 3463 §3.2 X.1.5 destination address valid).</summary>
    public static readonly SmtpReply RecipientOk = new(250, EnhancedStatusCodes.DestinationAddressValid, "Recipient OK");

    /// <summary>250 2.0.0 message accepted for delivery, with the queue id.</summary>
    public static SmtpReply MessageAccepted(string queueId) => new(250, EnhancedStatusCodes.Success, $"OK queued as {queueId}");

    /// <summary>354 start mail input (RFC 5321 §4.2.2). RFC 2034 §4: 3xx replies carry no enhanced code.</summary>
    public static readonly SmtpReply StartMailInput = new(354, null, "Start mail input; end with <CRLF>.<CRLF>");

    /// <summary>421 4.3.2 service shutting down (RFC 5321 §3.8, RFC 3463 X.3.2).</summary>
    public static readonly SmtpReply ShuttingDown = new(421, EnhancedStatusCodes.SystemNotAcceptingMessages, "Service not available, closing transmission channel");

    /// <summary>421 4.4.2 idle timeout (RFC 5321 §4.5.3.2, RFC 3463 X.4.2 bad connection).</summary>
    public static readonly SmtpReply Timeout = new(421, EnhancedStatusCodes.BadConnection, "Timeout exceeded, closing connection");

    /// <summary>451 4.3.0 local error in processing (RFC 5321 §4.2.3, RFC 3463 X.3.0).</summary>
    public static readonly SmtpReply LocalError = new(451, EnhancedStatusCodes.OtherMailSystem, "Requested action aborted: local error in processing");

    /// <summary>452 4.3.1 insufficient system storage (RFC 5321 §4.2.3, RFC 3463 X.3.1).</summary>
    public static readonly SmtpReply InsufficientStorage = new(452, EnhancedStatusCodes.MailSystemFull, "Insufficient system storage");

    /// <summary>452 4.5.3 too many recipients (RFC 5321 §4.5.3.1.10: 452, not 552, so the client retries the rest).</summary>
    public static readonly SmtpReply TooManyRecipients = new(452, EnhancedStatusCodes.TooManyRecipients, "Too many recipients");

    /// <summary>500 5.5.2 command unrecognized or line too long (RFC 5321 §4.2.2, §4.5.3.1.4).</summary>
    public static readonly SmtpReply SyntaxError = new(500, EnhancedStatusCodes.SyntaxError, "Syntax error, command unrecognized");

    /// <summary>500 5.5.6 AUTH line too long (RFC 4954 §4).</summary>
    public static readonly SmtpReply AuthLineTooLong = new(500, EnhancedStatusCodes.AuthLineTooLong, "Authentication exchange line is too long");

    /// <summary>501 5.5.4 syntax error in parameters or arguments (RFC 5321 §4.2.2).</summary>
    public static SmtpReply BadArguments(string text = "Syntax error in parameters or arguments") => new(501, EnhancedStatusCodes.InvalidArguments, text);

    /// <summary>501 5.5.2 syntax error in the command itself (RFC 5321 §4.2.2, RFC 3463 X.5.2).</summary>
    public static SmtpReply BadSyntax(string text = "Syntax error") => new(501, EnhancedStatusCodes.SyntaxError, text);

    /// <summary>501 5.1.7 bad sender address syntax (RFC 3463 X.1.7).</summary>
    public static SmtpReply BadSenderAddress(string text = "Bad sender address syntax") => new(501, EnhancedStatusCodes.BadSenderMailboxSyntax, text);

    /// <summary>501 5.1.3 bad recipient address syntax (RFC 3463 X.1.3; the registry associates 501).</summary>
    public static SmtpReply BadRecipientAddress(string text = "Bad recipient address syntax") => new(501, EnhancedStatusCodes.BadDestinationMailboxSyntax, text);

    /// <summary>502 5.5.1 command not implemented (RFC 5321 §4.2.2).</summary>
    public static readonly SmtpReply NotImplemented = new(502, EnhancedStatusCodes.InvalidCommand, "Command not implemented");

    /// <summary>503 5.5.1 bad sequence of commands (RFC 5321 §4.2.2, RFC 3463 X.5.1).</summary>
    public static readonly SmtpReply BadSequence = new(503, EnhancedStatusCodes.InvalidCommand, "Bad sequence of commands");

    /// <summary>504 5.5.4 command parameter not implemented (RFC 5321 §4.2.2).</summary>
    public static readonly SmtpReply ParameterNotImplemented = new(504, EnhancedStatusCodes.InvalidArguments, "Command parameter not implemented");

    /// <summary>530 5.7.0 authentication required (RFC 4954 §6).</summary>
    public static readonly SmtpReply AuthenticationRequired = new(530, EnhancedStatusCodes.OtherSecurity, "Authentication required");

    /// <summary>535 5.7.8 authentication credentials invalid (RFC 4954 §6).</summary>
    public static readonly SmtpReply AuthenticationFailed = new(535, EnhancedStatusCodes.AuthCredentialsInvalid, "Authentication credentials invalid");

    /// <summary>550 5.1.1 no such user (RFC 5321 §4.2.2 550, RFC 3463 X.1.1).</summary>
    public static readonly SmtpReply UnknownUser = new(550, EnhancedStatusCodes.BadDestinationMailbox, "Mailbox unavailable: no such user");

    /// <summary>550 5.7.1 relaying denied (RFC 5321 §3.6.2 / §4.2.2 550, RFC 3463 X.7.1).</summary>
    public static readonly SmtpReply RelayDenied = new(550, EnhancedStatusCodes.DeliveryNotAuthorized, "Relaying denied");

    /// <summary>552 5.3.4 message too big for the system (RFC 1870 §6.1, RFC 3463 X.3.4).</summary>
    public static SmtpReply MessageTooBig(long limit) => new(552, EnhancedStatusCodes.MessageTooBig, $"Message size exceeds fixed maximum message size of {limit} octets");

    /// <summary>553 5.1.3 mailbox name not allowed (RFC 5321 §4.2.2 553, RFC 3463 X.1.3).</summary>
    public static readonly SmtpReply MailboxNameNotAllowed = new(553, EnhancedStatusCodes.BadDestinationMailboxSyntax, "Mailbox name not allowed");

    /// <summary>553 5.6.7 non-ASCII address without SMTPUTF8 (RFC 6531 §3.7.4.1, RFC 5248 X.6.7).</summary>
    public static readonly SmtpReply NonAsciiAddressNotPermitted = new(553, EnhancedStatusCodes.NonAsciiAddressNotPermitted, "Non-ASCII addresses need the SMTPUTF8 parameter");

    /// <summary>554 5.6.0 transaction failed because of the content (RFC 5321 §4.2.2 554, RFC 3463 X.6.0).</summary>
    public static readonly SmtpReply ContentRejected = new(554, EnhancedStatusCodes.OtherMediaError, "Transaction failed: message content rejected");

    /// <summary>555 5.5.4 MAIL/RCPT parameter not recognized or not implemented (RFC 5321 §4.1.1.11).</summary>
    public static SmtpReply ParameterNotRecognized(string text = "MAIL FROM/RCPT TO parameters not recognized or not implemented") => new(555, EnhancedStatusCodes.InvalidArguments, text);
}
