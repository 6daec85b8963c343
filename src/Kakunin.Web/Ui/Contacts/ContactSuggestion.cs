using Kakunin.Store.Contacts;

namespace Kakunin.Web.Ui.Contacts;

/// <summary>
/// One suggestion as the compose fields' script receives it (GET /contacts/suggest). <see cref="Text"/> is what goes
/// into the field: "Name &lt;address&gt;" as RFC 5322 §3.4 writes a mailbox, the name quoted only when it holds one of
/// the specials of §3.2.3 (a comma, a dot, an angle bracket…), never encoded: the field is text the person can still
/// edit, and the composer encodes it (RFC 2047) when sending. The bare address for a contact without a name.
/// </summary>
public sealed record ContactSuggestion(string? Name, string Address, string Text, bool Saved)
{
    public static ContactSuggestion From(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var text = contact.Name is { Length: > 0 } name ? Phrase(name) + " <" + contact.Address + ">" : contact.Address;
        return new ContactSuggestion(contact.Name, contact.Address, text, contact.Saved);
    }

    // RFC 5322 §3.2.3 specials; a quoted-string escapes backslash and DQUOTE (§3.2.4).
    private static string Phrase(string name) =>
        name.IndexOfAny(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '.', '"']) < 0
            ? name
            : "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
