using Kakunin.Protocol;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// What the SMTP stage a server refused at says about the reason (RFC 5321 §3.3: the reply to RCPT
/// concerns the recipient, the reply to MAIL the sender, the reply to DATA or its end the message; a
/// refusal of the greeting or HELO concerns the connecting host). The stage is read by the recognisers
/// and <see cref="BounceText.FailedCommand"/> / <see cref="BounceText.TranscriptCommand"/>.
/// </summary>
internal static class SmtpStage
{
    /// <summary>
    /// <see cref="Refine(BounceReason, string?, EnhancedStatusCode?)"/> with the stage found only for the reasons it can
    /// change (finding it may mean searching the whole prose of a report).
    /// </summary>
    public static BounceReason Refine(BounceReason reason, Lazy<string?>? command, EnhancedStatusCode? status) =>
        command is not null && reason is BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.Filtered
            or BounceReason.Rejected or BounceReason.OnHold or BounceReason.Undefined
            ? Refine(reason, command.Value, status)
            : reason;

    public static BounceReason Refine(BounceReason reason, string? command, EnhancedStatusCode? status) => (reason, command) switch
    {
        // "User unknown" only once the message itself was sent: the address was accepted at RCPT, so a
        // filter at the destination refused the message, unless the server's own code says the mailbox
        // does not exist (x.1.x addressing status).
        (BounceReason.UserUnknown, BounceText.SmtpCommands.Data) when status?.Subject != 1 => BounceReason.Filtered,

        // Refused in reply to MAIL FROM: the address refused is the sender's.
        (BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.Filtered, BounceText.SmtpCommands.MailFrom) => BounceReason.Rejected,

        // Refused at the greeting or HELO: the connecting host is refused, not an address or a message.
        (BounceReason.UserUnknown or BounceReason.Filtered or BounceReason.Rejected or BounceReason.OnHold or BounceReason.Undefined,
            BounceText.SmtpCommands.Connect or BounceText.SmtpCommands.Helo) => BounceReason.Blocked,
        _ => reason,
    };
}
