using Kakunin.Store;

namespace Kakunin.Queue.Scheduling;

/// <summary>
/// Some recipients of one message, attempted and settled together: all the message's local recipients (one job), or
/// its recipients in one remote domain (one SMTP transaction; <see cref="Domain"/> and <see cref="Destination"/> set).
/// </summary>
/// <param name="Now">The time to settle at; null means the clock when the job runs (a test's runs fix it).</param>
/// <param name="LeaseToken">The token its recipients were claimed with (PostgreSQL, several nodes); null on SQLite.</param>
internal sealed record DeliveryJob(QueueMessageRecord Message, IReadOnlyList<QueueRecipientRecord> Recipients, string? Domain, string? Destination, DateTimeOffset? Now, long? LeaseToken = null)
{
    public bool IsLocal => Domain is null;

    public IEnumerable<long> RecipientIds => Recipients.Select(r => r.Id);

    /// <summary>Completes when the job is settled (or failed with its exception): a test's run waits for it.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
