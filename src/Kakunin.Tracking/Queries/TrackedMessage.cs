namespace Kakunin.Tracking;

/// <summary>A sent message with every recipient's state and the whole timeline.</summary>
/// <param name="SentMessageId">The sender's Sent copy, when there is one.</param>
public sealed record TrackedMessage(
    long Id,
    string SenderUser,
    string? MessageId,
    string? Subject,
    DateTimeOffset SubmittedAt,
    long? SentMessageId,
    IReadOnlyList<TrackedRecipient> Recipients,
    IReadOnlyList<TrackingEventRecord> Events);
