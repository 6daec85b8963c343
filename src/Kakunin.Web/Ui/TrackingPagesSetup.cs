using Kakunin.Web.Ui.Language;
using Kakunin.Web.Ui.Receipts;
using Kakunin.Web.Ui.Settings;
using Kakunin.Web.Ui.Tracking;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kakunin.Web.Ui;

/// <summary>The services of the tracking, read-receipt and settings pages, called once from WebmailSetup.</summary>
public static class TrackingPagesSetup
{
    public static IServiceCollection AddKakuninTrackingPages(this IServiceCollection services)
    {
        services.TryAddSingleton<TrackingTabLoader>();

        // Answering read-receipt requests, through the queue's ReadReceiptResponder (registered by the host, KakuninServer).
        services.TryAddSingleton<ReadReceipts>();

        // The chosen language follows the signed-in person (UserSettings.Language); the cookie stays for the sign-in
        // page. Replace, not TryAdd: whichever of this and the shell's cookie default is registered first, this wins.
        services.TryAddSingleton<CookieLanguagePreference>();
        services.TryAddSingleton<StoreLanguagePreference>();
        services.Replace(ServiceDescriptor.Singleton<ILanguagePreference>(sp => sp.GetRequiredService<StoreLanguagePreference>()));
        return services;
    }
}
