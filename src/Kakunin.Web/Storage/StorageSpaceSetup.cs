namespace Kakunin.Web.Storage;

/// <summary>Free space and the reserve in /health ("storage-space"), /metrics (Meter "Kakunin.Storage") and the log.</summary>
public static class StorageSpaceSetup
{
    public static IServiceCollection AddKakuninStorageSpace(this IServiceCollection services)
    {
        services.AddSingleton(sp => new StorageSpaceMetrics(sp.GetRequiredService<Store.KakuninStore>(), sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddHostedService<StorageSpaceMonitor>();
        services.AddHealthChecks().AddCheck<StorageSpaceHealthCheck>(StorageSpaceHealthCheck.Name);
        return services;
    }
}
