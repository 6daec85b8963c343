namespace Kakunin.Store;

/// <summary>What <see cref="QueueRepository.DeleteAsync"/> removed.</summary>
/// <param name="RecipientsRemoved">Pending or deferred recipients taken out of the queue.</param>
/// <param name="MessageRemoved">
/// True when the message row went too. It stays (marked done) when finished recipients or a tracking record
/// still refer to it: they are evidence.
/// </param>
public sealed record QueueDeleteResult(int RecipientsRemoved, bool MessageRemoved);
