using Kakunin.Store;
using Kakunin.Store.Contacts;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Contacts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Contacts;

/// <summary>
/// GET /contacts/suggest?q=…: the signed-in person's own contacts matching the word under the caret of a compose
/// field (Assets/contacts.js), best first, as JSON: <c>[{"name":…,"address":…,"text":"Name &lt;address&gt;","saved":true}]</c>.
/// Sign-in required like every page; never cached (it lists people).
/// </summary>
public sealed class SuggestModel(KakuninStore store) : PageModel
{
    public const int MaxSuggestions = 8;

    /// <summary>Longer text is cut: nobody types a 200-character name to find it.</summary>
    public const int MaxQueryLength = 200;

    public async Task<IActionResult> OnGetAsync([FromQuery] string? q, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var typed = q is { Length: > MaxQueryLength } ? q[..MaxQueryLength] : q ?? string.Empty;
        var found = await new ContactBook(store).SuggestAsync(User.Address()!, typed, MaxSuggestions, cancellationToken);
        return new JsonResult(found.Select(ContactSuggestion.From).ToList());
    }
}
