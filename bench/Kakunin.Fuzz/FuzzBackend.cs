using System.Globalization;
using Kakunin.Protocol;
using Kakunin.Smtp.Server;

namespace Kakunin.Fuzz;

/// <summary>
/// A hand-written backend for the session target: user alice / secret; refuses local part "unknown" (550 5.1.1),
/// domain "elsewhere.example" (550 5.7.1) and sender "blocked@…"; throws for local part "throw" (the session
/// must turn that into 451); accepts every message as F1, F2… and counts them.
/// </summary>
internal sealed class FuzzBackend : ISmtpBackend
{
    public int Accepted { get; private set; }

    public ValueTask<SmtpAuthResult> AuthenticateAsync(SmtpSessionInfo session, string userName, string password, CancellationToken cancellationToken) =>
        ValueTask.FromResult(userName == "alice" && password == "secret" ? SmtpAuthResult.Accepted("alice")
            : userName == "locked" ? SmtpAuthResult.Refused
            : SmtpAuthResult.Wrong);

    public ValueTask<SmtpReply?> CheckSenderAsync(SmtpSessionInfo session, MailFromCommand mailFrom, CancellationToken cancellationToken)
    {
        var local = mailFrom.ReversePath.Mailbox?.LocalPart;
        return local == "throw"
            ? throw new InvalidOperationException("backend failure (fuzz)")
            : ValueTask.FromResult<SmtpReply?>(local == "blocked" ? new SmtpReply(550, EnhancedStatusCodes.DeliveryNotAuthorized, "Sender refused") : null);
    }

    public ValueTask<SmtpReply?> CheckRecipientAsync(SmtpSessionInfo session, MailFromCommand mailFrom, RcptToCommand recipient, CancellationToken cancellationToken)
    {
        var mailbox = recipient.ForwardPath.Mailbox;
        if (mailbox?.LocalPart == "throw")
        {
            throw new InvalidOperationException("backend failure (fuzz)");
        }

        SmtpReply? reply = mailbox?.LocalPart == "unknown" ? SmtpReplies.UnknownUser
            : mailbox?.Domain == "elsewhere.example" ? SmtpReplies.RelayDenied
            : null;
        return ValueTask.FromResult(reply);
    }

    public async ValueTask<SmtpReply> AcceptMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, Stream content, CancellationToken cancellationToken)
    {
        // The contract: seekable, known length (ISmtpBackend).
        if (!content.CanSeek || content.Length < 0)
        {
            throw new InvalidOperationException("content not seekable");
        }

        var buffer = new byte[8192];
        while (await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }

        Accepted++;
        return SmtpReplies.MessageAccepted("F" + Accepted.ToString(CultureInfo.InvariantCulture));
    }
}
