using Kakunin.Store.Contacts;
using Kakunin.Web.Ui.Text;

namespace Kakunin.Web.Ui.Contacts;

/// <summary>The sentence for a refused field of the contact form, in the reader's language.</summary>
public static class ContactProblemText
{
    public static string ForAddress(ContactProblem problem, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return problem switch
        {
            ContactProblem.Empty => text.ContactAddressEmpty,
            ContactProblem.NoAt => text.ContactAddressNoAt,
            ContactProblem.TooLong => text.ContactAddressTooLong(ContactRules.MaxAddressLength),
            ContactProblem.ControlCharacters => text.ContactAddressControl,
            ContactProblem.AlreadySaved => text.ContactAddressTaken,
            _ => text.ContactAddressNotOne,
        };
    }

    public static string ForName(ContactProblem problem, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return problem == ContactProblem.TooLong ? text.ContactNameTooLong(ContactRules.MaxNameLength) : text.ContactNameControl;
    }
}
