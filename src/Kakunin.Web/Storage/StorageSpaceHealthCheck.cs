using System.Globalization;
using Kakunin.Store;
using Kakunin.Store.Space;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kakunin.Web.Storage;

/// <summary>
/// /health's "storage-space": ok while at least twice the reserve is free; degraded below that (still accepting, time
/// to look); failing (503) below the reserve, when new mail is refused with 452 4.3.1 (docs/storage.md).
/// </summary>
internal sealed class StorageSpaceHealthCheck(KakuninStore store) : IHealthCheck
{
    public const string Name = "storage-space";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var space = store.Space;
        if (space.Read() is not { } reading)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"the free space of the file system holding {space.Folder} cannot be read"));
        }

        var data = new Dictionary<string, object>
        {
            ["folder"] = space.Folder,
            ["freeBytes"] = reading.Free.ToString(CultureInfo.InvariantCulture),
            ["sizeBytes"] = reading.Size.ToString(CultureInfo.InvariantCulture),
            ["reserveBytes"] = reading.Reserve.ToString(CultureInfo.InvariantCulture),
        };
        var free = $"{StorageSize.Format(reading.Free)} free of {StorageSize.Format(reading.Size)} on the file system holding {space.Folder}";
        return Task.FromResult(
            reading.IsBelowReserve ? HealthCheckResult.Unhealthy($"{free}, below the reserve of {StorageSize.Format(reading.Reserve)}: new mail is refused (452 4.3.1) until space is freed", data: data)
            : reading.IsNearReserve ? HealthCheckResult.Degraded($"{free}, less than twice the reserve of {StorageSize.Format(reading.Reserve)}: new mail will be refused below the reserve", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
