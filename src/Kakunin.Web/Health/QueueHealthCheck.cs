using Kakunin.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kakunin.Web.Health;

/// <summary>The queue's depth; it also shows the database answers a query (a failure is reported, not thrown).</summary>
internal sealed class QueueHealthCheck(KakuninStore store) : IHealthCheck
{
    public const string Name = "queue";
    public const string QueuedRecipientsKey = "queuedRecipients";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var open = await store.Queue.CountOpenRecipientsAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy(data: new Dictionary<string, object> { [QueuedRecipientsKey] = open });
    }
}
