using Kakunin.Store;
using Kakunin.Store.Api;
using Kakunin.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Settings;

/// <summary>
/// The signed-in person's API tokens (docs/api.md): create one (its text shown once, on the page the POST redirects
/// to, from a one-time slot, <see cref="CreatedTokenSlots"/>: memory on SQLite, an encrypted row on PostgreSQL), list them with their prefix
/// and last use, revoke one. Only the person's own tokens are listed or
/// revocable: revoking passes the signed-in user to the store.
/// </summary>
public sealed class TokensModel(KakuninStore store, TimeProvider time, UiContext ui, CreatedTokenSlots slots) : PageModel
{
    public const int MaxNameLength = 100;

    public IReadOnlyList<ApiTokenRecord> Tokens { get; private set; } = [];

    /// <summary>The token just created, shown this once.</summary>
    public string? Created { get; private set; }

    public string? NameError { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <param name="shown">The slot of a token just created (the POST's redirect): its text is shown this once.</param>
    public async Task OnGetAsync([FromQuery] string? shown, CancellationToken cancellationToken)
    {
        if (shown is not null)
        {
            Created = await slots.TakeAsync(User.Address()!, shown, cancellationToken);
            // The token's text is in this answer only: it must not be cached on the way, nor kept by the browser.
            Response.Headers.CacheControl = "no-store";
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            NameError = ui.Text.TokensNameNeeded;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var text = ApiTokenText.New();
        await store.ApiTokens.CreateAsync(User.Address()!, name, text, time.GetUtcNow(), cancellationToken);
        // Post/Redirect/Get (302, followed with a GET): a reload shows the list again and never posts a second time.
        var slot = await slots.PutAsync(User.Address()!, text, cancellationToken);
        return new RedirectResult("/settings/tokens?shown=" + Uri.EscapeDataString(slot), permanent: false, preserveMethod: false);
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken cancellationToken)
    {
        await store.ApiTokens.RevokeAsync(id, User.Address()!, time.GetUtcNow(), cancellationToken);
        return LocalRedirect("/settings/tokens");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Tokens = await store.ApiTokens.ListAsync(User.Address()!, cancellationToken);
}
