using Kakunin.Tracking.Events;
using Kakunin.Web.Ui;
using Kakunin.Webhooks.Dispatch;
using Kakunin.Webhooks.Outbox;
using Kakunin.Webhooks.Targets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Settings;

/// <summary>A person's webhook endpoints (docs/webhooks.md): add (URL, event types; the secret is shown), list, delete, re-enable.</summary>
public sealed class WebhooksModel(WebhookEndpoints endpoints, WebhookDispatcher dispatcher, UiContext ui) : PageModel
{
    [BindProperty]
    public string? TargetUrl { get; set; }

    [BindProperty]
    public List<string> Types { get; set; } = [];

    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];

    /// <summary>The endpoint just added, whose secret the page shows at the top.</summary>
    public long? Added { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(long? added, CancellationToken cancellationToken)
    {
        Added = added;
        Endpoints = await endpoints.ListAsync(User.Address()!, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var types = Types.Select(w => TrackingEventTypes.TryParse(w, out var t) ? (TrackingEventType?)t : null).OfType<TrackingEventType>().ToList();
        if (!WebhookUrl.TryParse(TargetUrl, out var url, out var reason))
        {
            Error = reason;
        }
        else if (types.Count == 0)
        {
            Error = ui.Text.WebhooksTypesRequired;
        }
        else
        {
            var endpoint = await endpoints.AddAsync(User.Address()!, url, types, cancellationToken);
            return LocalRedirect($"/settings/webhooks?added={endpoint.Id}");
        }

        Endpoints = await endpoints.ListAsync(User.Address()!, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        await endpoints.DeleteAsync(User.Address()!, id, cancellationToken);
        return LocalRedirect("/settings/webhooks");
    }

    public async Task<IActionResult> OnPostEnableAsync(long id, CancellationToken cancellationToken)
    {
        if (await endpoints.EnableAsync(User.Address()!, id, cancellationToken))
        {
            dispatcher.Wake();
        }

        return LocalRedirect("/settings/webhooks");
    }
}
