namespace Kakunin.Store;

/// <summary>The current state of one recipient of a tracked message (the latest event).</summary>
/// <param name="Evidence">A reference to what proves the state: the queue id of a DSN we sent, the remote MTA, a report's id.</param>
public sealed record TrackingRecipientRecord(long Id, string Address, string State, DateTimeOffset StateAt, string? Diagnostic, string? Evidence);
