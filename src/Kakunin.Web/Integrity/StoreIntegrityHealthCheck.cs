using System.Globalization;
using Kakunin.Store;
using Kakunin.Store.Integrity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kakunin.Web.Integrity;

/// <summary>
/// /health's "store-integrity": failing when the last quick_check found the database damaged (new mail is refused);
/// degraded while no check has finished yet, or when reads have found damaged messages since the server started;
/// ok otherwise. It reports what the checks found and runs none itself (a check reads the whole database).
/// </summary>
internal sealed class StoreIntegrityHealthCheck(KakuninStore store) : IHealthCheck
{
    public const string Name = "store-integrity";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var integrity = store.Integrity;
        var last = integrity.LastCheck;
        var damaged = integrity.DamagedContents;
        var data = new Dictionary<string, object>
        {
            ["checking"] = integrity.Checking,
            ["damagedMessages"] = damaged.Count,
        };
        if (last is not null)
        {
            data["lastCheck"] = last.FinishedAt.ToString("O", CultureInfo.InvariantCulture);
            data["lastCheckSeconds"] = Math.Round(last.Took.TotalSeconds, 3);
        }

        var result = integrity.State switch
        {
            IntegrityState.Damaged => HealthCheckResult.Unhealthy(last!.Describe() + "; new mail is refused until the store is restored from a backup (docs/storage.md)", data: data),
            IntegrityState.NotChecked => HealthCheckResult.Degraded(integrity.Checking ? "the first integrity check is still running" : "the store has not been checked yet", data: data),
            _ when damaged.Count > 0 => HealthCheckResult.Degraded(
                $"{damaged.Count} damaged message(s) found on reading since the server started, first {damaged[0].Name}; restore them from a backup (docs/storage.md)", data: data),
            _ => HealthCheckResult.Healthy(last!.Describe(), data),
        };
        return Task.FromResult(result);
    }
}
