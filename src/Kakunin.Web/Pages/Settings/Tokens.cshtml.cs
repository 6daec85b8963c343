using Kakunin.Store;
using Kakunin.Store.Api;
using Kakunin.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Settings;

/// <summary>
/// The signed-in person's API tokens (docs/api.md): create one (its text shown once, in the answer to the POST, and
/// never stored), list them with their prefix and last use, revoke one. Only the person's own tokens are listed or
/// revocable: revoking passes the signed-in user to the store.
/// </summary>
public sealed class TokensModel(KakuninStore store, TimeProvider time, UiContext ui) : PageModel
{
    public const int MaxNameLength = 100;

    public IReadOnlyList<ApiTokenRecord> Tokens { get; private set; } = [];

    /// <summary>The token just created, shown this once.</summary>
    public string? Created { get; private set; }

    public string? NameError { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            NameError = ui.Text.TokensNameNeeded;
        }
        else
        {
            var text = ApiTokenText.New();
            await store.ApiTokens.CreateAsync(User.Address()!, name, text, time.GetUtcNow(), cancellationToken);
            Created = text;
            Name = null;
        }

        // Answered, not redirected: the token's text exists only in this answer. It must not be cached on the way.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken cancellationToken)
    {
        await store.ApiTokens.RevokeAsync(id, User.Address()!, time.GetUtcNow(), cancellationToken);
        return LocalRedirect("/settings/tokens");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Tokens = await store.ApiTokens.ListAsync(User.Address()!, cancellationToken);
}
