using Kakunin.Web.Ui;
using Kakunin.Webhooks.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kakunin.Web.Pages.Settings;

/// <summary>One endpoint's delivery log (status, attempts, last response) with "resend" per delivery; only the owner's endpoints are found.</summary>
public sealed class WebhookLogModel(WebhookEndpoints endpoints, WebhookDeliveries deliveries) : PageModel
{
    public const int Shown = 200;

    public WebhookEndpoint Endpoint { get; private set; } = null!;

    public IReadOnlyList<WebhookDelivery> Deliveries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await endpoints.FindAsync(User.Address()!, id, cancellationToken) is not { } endpoint)
        {
            return NotFound();
        }

        Endpoint = endpoint;
        Deliveries = await deliveries.LogAsync(User.Address()!, id, Shown, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(long id, long delivery, CancellationToken cancellationToken)
    {
        await deliveries.ResendAsync(User.Address()!, delivery, cancellationToken);
        return LocalRedirect($"/settings/webhooks/{id}");
    }
}
