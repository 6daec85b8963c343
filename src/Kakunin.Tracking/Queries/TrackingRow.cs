namespace Kakunin.Tracking;

/// <summary>One line of the Tracking page: a recipient of a sent message.</summary>
public sealed record TrackingRow(
    long TrackingId,
    long? SentMessageId,
    string? Subject,
    DateTimeOffset SubmittedAt,
    TrackedRecipient Recipient);
