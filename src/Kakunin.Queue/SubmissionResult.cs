namespace Kakunin.Queue;

/// <summary>What a submission committed.</summary>
/// <param name="QueueId">The queue id (as in "250 … queued as").</param>
/// <param name="TrackingId">The tracking record (tracking_messages.id) of a user's submission, else null.</param>
/// <param name="SentMessageId">The copy in the user's Sent folder, else null.</param>
public sealed record SubmissionResult(string QueueId, long? TrackingId, long? SentMessageId);
