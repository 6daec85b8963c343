namespace Kakunin.Web.Integrity;

/// <summary>The store's integrity in the server (docs/storage.md): the scheduled checks, their log, /health and /metrics.</summary>
public static class IntegritySetup
{
    public static IServiceCollection AddKakuninIntegrity(this IServiceCollection services, IntegrityOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new StoreIntegrityMetrics(sp.GetRequiredService<Store.KakuninStore>(), sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<IntegrityMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<IntegrityMonitor>());
        services.AddHealthChecks().AddCheck<StoreIntegrityHealthCheck>(StoreIntegrityHealthCheck.Name);
        return services;
    }
}
