using Kakunin.Mail.Compose;
using Kakunin.Protocol;
using Kakunin.Queue;
using Kakunin.Store;
using Kakunin.Store.Contacts;
using Kakunin.Web.Ui.Contacts;

namespace Kakunin.Web.Mail;

/// <summary>
/// Sends through the queue: <see cref="MailSubmission"/> stores the queue rows, the Sent copy and the tracking
/// record in one commit and wakes the runner. Each recipient keeps the DSN parameters the composer chose
/// (NOTIFY, RFC 3461 §4.1; ORCPT, §4.2) and the message its ENVID (§4.4), so every report can be matched.
/// The recipients join the sender's address book in that same commit (<see cref="ContactCollection"/>).
/// </summary>
public sealed class QueueMailSender(MailSubmission submission, TimeProvider time) : IMailSender
{
    public async Task<long?> SendAsync(string user, ComposedMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var recipients = mail.Recipients
            .Select(r => new NewQueueRecipient(r.Address, r.Notify, r.OriginalRecipient.Encode(), r.OriginalRecipient))
            .ToList();
        // RET=HDRS (RFC 3461 §4.3): a failure report carries the headers, enough to match and to recognise the
        // message, without mailing its body and attachments back.
        var collected = SentRecipients.Of(mail);
        var result = await submission.SubmitAsync(
            user, user, recipients, mail.Content, mail.EnvelopeId, DsnReturn.Headers, (tx, _) => ContactCollection.Record(tx, user, collected, time.GetUtcNow()), cancellationToken);
        return result.SentMessageId;
    }
}
