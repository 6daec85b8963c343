namespace Kakunin.Store;

/// <summary>The row ids of a message just queued, and of its recipients in the order given.</summary>
public sealed record QueuedMessage(long MessageId, string QueueId, IReadOnlyList<long> RecipientIds);
