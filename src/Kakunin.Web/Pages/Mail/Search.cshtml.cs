using Kakunin.Store;
using Kakunin.Store.Search;
using Kakunin.Web.Ui;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Mail;

/// <summary>
/// The signed-in user's messages in every folder that contain the query (subject, addresses, body text), best match
/// first (<see cref="MessageSearch"/>; docs/webmail.md "Search").
/// </summary>
public sealed class SearchModel(KakuninStore store) : PageModel
{
    public const int MaxResults = 50;

    public string? Query { get; private set; }

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Query is not null)
        {
            Hits = await new MessageSearch(store).SearchAsync(User.Address()!, Query, MaxResults, cancellationToken);
        }
    }
}
