using Microsoft.Extensions.Logging;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>The dispatcher's log lines.</summary>
internal static partial class DispatcherLog
{
    [LoggerMessage(1, LogLevel.Warning, "Webhooks: reading the outbox failed; trying again shortly")]
    public static partial void ReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Webhooks: attempt of delivery {Delivery} failed unexpectedly")]
    public static partial void AttemptFailed(ILogger logger, Exception exception, long delivery);

    [LoggerMessage(3, LogLevel.Warning, "Webhooks: endpoint {Endpoint} disabled after repeated failure; its owner was told")]
    public static partial void Disabled(ILogger logger, long endpoint);

    [LoggerMessage(4, LogLevel.Warning, "Webhooks: writing {Count} results failed; those deliveries will be tried again")]
    public static partial void WriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(5, LogLevel.Warning, "Webhooks: result of delivery {Delivery} dropped, this node ({Node}) lost its lease: another node took the delivery over after the lease ran out (or it was deleted)")]
    public static partial void LeaseLost(ILogger logger, long delivery, string node);

    [LoggerMessage(6, LogLevel.Warning, "Webhooks: renewing or giving up the leases of node {Node} failed; they run out on their own")]
    public static partial void LeaseUpkeepFailed(ILogger logger, Exception exception, string node);
}
