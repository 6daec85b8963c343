namespace Kakunin.Store;

/// <summary>One append-only tracking event of a recipient.</summary>
public sealed record TrackingEventRecord(long Id, long TrackingRecipientId, string State, DateTimeOffset At, string? Diagnostic, string? Evidence);
