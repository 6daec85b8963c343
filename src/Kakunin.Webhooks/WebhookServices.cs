using Kakunin.Webhooks.Dispatch;
using Kakunin.Webhooks.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kakunin.Webhooks;

/// <summary>Webhooks in <c>kakunin serve</c>: options from "Kakunin:Webhooks", the endpoints and log the webmail and API use, the dispatcher.</summary>
public static class WebhookServices
{
    public static IServiceCollection AddKakuninWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new WebhookOptions();
        configuration.GetSection(WebhookOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton(sp =>
        {
            var deliveries = ActivatorUtilities.CreateInstance<WebhookDeliveries>(sp);
            var dispatcher = sp.GetRequiredService<WebhookDispatcher>();
            deliveries.Rearmed += dispatcher.Wake;
            return deliveries;
        });
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
