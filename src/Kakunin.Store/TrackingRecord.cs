namespace Kakunin.Store;

/// <summary>A message submitted by a local user, as shown on the Sent item's tracking view.</summary>
public sealed record TrackingRecord(
    long Id,
    string QueueId,
    string SenderUser,
    string? MessageId,
    string? Subject,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<TrackingRecipientRecord> Recipients);
