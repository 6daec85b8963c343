using Kakunin.Mail.Compose;
using Kakunin.Protocol;

namespace Kakunin.Web.Ui.Contacts;

/// <summary>
/// Who a composed message goes to, with the name typed beside each address (from its To and Cc fields; a Bcc
/// recipient's name is not in the message, so it is collected by address alone), for <see cref="Kakunin.Store.Contacts.ContactCollection"/>.
/// </summary>
public static class SentRecipients
{
    public static IReadOnlyList<(string Address, string? Name)> Of(ComposedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mailbox in mail.Message.To.Mailboxes.Concat(mail.Message.Cc.Mailboxes))
        {
            if (!string.IsNullOrWhiteSpace(mailbox.Name))
            {
                names.TryAdd(MailboxIdentity.KeyOf(mailbox.Address), mailbox.Name);
            }
        }

        return [.. mail.Recipients.Select(r => (r.Address, names.GetValueOrDefault(MailboxIdentity.KeyOf(r.Address))))];
    }
}
