using Microsoft.Extensions.Logging;

namespace Kakunin.Queue;

/// <summary>Structured log events of the queue; each carries the queue id and, where there is one, the recipient.</summary>
internal static partial class QueueLog
{
    [LoggerMessage(1, LogLevel.Information, "{QueueId}: accepted from <{Sender}> for {RecipientCount} recipient(s), {Size} bytes, session {SessionId}")]
    public static partial void Accepted(ILogger logger, string queueId, string sender, int recipientCount, long size, string sessionId);

    [LoggerMessage(2, LogLevel.Error, "Session {SessionId}: could not store the message")]
    public static partial void AcceptFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(3, LogLevel.Information, "Session {SessionId}: refused {Command} {Address}: {Reason}")]
    public static partial void Refused(ILogger logger, string sessionId, string command, string address, string reason);

    [LoggerMessage(4, LogLevel.Information, "{QueueId}: to=<{Recipient}> state={State} status={Status} attempts={Attempts} relay={RemoteMta} ({Diagnostic})")]
    public static partial void Settled(ILogger logger, string queueId, string recipient, string state, string? status, int attempts, string? remoteMta, string? diagnostic);

    [LoggerMessage(5, LogLevel.Information, "{QueueId}: DSN {DsnQueueId} queued to <{Sender}> for {Recipients}")]
    public static partial void DsnQueued(ILogger logger, string queueId, string dsnQueueId, string sender, string recipients);

    [LoggerMessage(6, LogLevel.Warning, "{QueueId}: delivery to {Domain} failed without results")]
    public static partial void TransportFailed(ILogger logger, Exception exception, string queueId, string domain);

    [LoggerMessage(7, LogLevel.Error, "Queue pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Queue started: {Open} recipient(s) still to deliver")]
    public static partial void Recovered(ILogger logger, long open);

    [LoggerMessage(9, LogLevel.Information, "{QueueId}: report for <{Recipient}> filed: {Kind}, {Match}")]
    public static partial void ReportFiled(ILogger logger, string queueId, string recipient, string kind, string match);

    [LoggerMessage(10, LogLevel.Information, "Session {SessionId}: Authentication-Results: {Verdict}{Problems}")]
    public static partial void Authenticated(ILogger logger, string sessionId, string verdict, string problems);

    [LoggerMessage(11, LogLevel.Error, "{QueueId}: delivery to {Destination} failed before it was recorded; tried again in 30 s")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string queueId, string destination);

    [LoggerMessage(12, LogLevel.Warning, "Destination {Destination} is not answering: deliveries to it suspended until {Until:u} ({Error})")]
    public static partial void DestinationDead(ILogger logger, string destination, DateTimeOffset until, string? error);

    [LoggerMessage(13, LogLevel.Warning, "{QueueId}: not delivered, held apart as damaged: {Reason}")]
    public static partial void HeldDamaged(ILogger logger, string queueId, string reason);

    [LoggerMessage(14, LogLevel.Warning, "{QueueId}: local delivery at acceptance failed, left to the queue runner")]
    public static partial void LocalAtAcceptanceFailed(ILogger logger, Exception exception, string queueId);

    [LoggerMessage(15, LogLevel.Information, "Queue retry requested by an administrator: destination(s) {Destinations} tried again now instead of after their back-off")]
    public static partial void DeadRevived(ILogger logger, string destinations);

    [LoggerMessage(16, LogLevel.Warning, "{QueueId}: outcome dropped, this node ({Node}) lost its lease: {Reason}; the node that holds it now delivers")]
    public static partial void LeaseLost(ILogger logger, string queueId, string node, string reason);

    [LoggerMessage(17, LogLevel.Warning, "Queue leases of node {Node} could not be renewed or released; they expire on their own")]
    public static partial void LeaseUpkeepFailed(ILogger logger, Exception exception, string node);
}
