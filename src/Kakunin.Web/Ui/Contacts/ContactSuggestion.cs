using Kakunin.Store.Contacts;
using MimeKit;

namespace Kakunin.Web.Ui.Contacts;

/// <summary>
/// One suggestion as the compose fields' script receives it (GET /contacts/suggest). <see cref="Text"/> is what goes
/// into the field: "Name &lt;address&gt;" as RFC 5322 §3.4 writes a mailbox (the name quoted when it holds a comma or
/// another special, MimeKit's formatting, not encoded: the field is text the person can still edit), or the bare address.
/// </summary>
public sealed record ContactSuggestion(string? Name, string Address, string Text, bool Saved)
{
    public static ContactSuggestion From(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var text = contact.Name is { Length: > 0 } name ? new MailboxAddress(name, contact.Address).ToString() : contact.Address;
        return new ContactSuggestion(contact.Name, contact.Address, text, contact.Saved);
    }
}
