using Kakunin.Store;
using Kakunin.Store.Contacts;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Contacts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Contacts;

/// <summary>
/// What the new-contact and edit-contact pages share: the two fields, checked by <see cref="ContactRules"/> with
/// the broken rule said next to its field (aria-describedby, aria-invalid), the form kept as typed.
/// </summary>
public abstract class ContactFormModel(KakuninStore store, TimeProvider time, UiContext ui) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    public string? NameError { get; private set; }

    public string? AddressError { get; private set; }

    public bool HasErrors => NameError is not null || AddressError is not null;

    /// <summary>Null for a new contact.</summary>
    public long? ContactId { get; protected set; }

    protected ContactBook Book { get; } = new(store);

    protected TimeProvider Time { get; } = time;

    /// <summary>True when both fields may be stored; otherwise the errors are set.</summary>
    protected bool Check()
    {
        if (ContactRules.AddressProblem(Address) is { } addressProblem)
        {
            AddressError = ContactProblemText.ForAddress(addressProblem, ui.Text);
        }

        if (ContactRules.NameProblem(Name) is { } nameProblem)
        {
            NameError = ContactProblemText.ForName(nameProblem, ui.Text);
        }

        return !HasErrors;
    }

    /// <summary>After the store refused (the address is another contact's): the page again, the reason by the address.</summary>
    protected PageResult Refused(ContactProblem problem)
    {
        AddressError = ContactProblemText.ForAddress(problem, ui.Text);
        return Page();
    }
}
