namespace Kakunin.Store;

/// <summary>
/// A settlement's fence failed (<see cref="QueueRepository.Fence"/>): the node's lease on the recipient expired and
/// another node claimed it. The settlement transaction is rolled back whole (no DSN, no tracking event, no mailbox
/// row) and the node drops the outcome: the other node's attempt counts (docs/postgresql.md).
/// </summary>
public sealed class QueueLeaseLostException : InvalidOperationException
{
    public QueueLeaseLostException(long recipientId, long token, long? holder)
        : base($"the lease {token} on queue recipient {recipientId} expired and " +
               (holder is { } h ? $"another claim (lease {h}) holds it now" : "another node took it"))
    {
        (RecipientId, Token, Holder) = (recipientId, token, holder);
    }

    public QueueLeaseLostException()
    {
    }

    public QueueLeaseLostException(string message)
        : base(message)
    {
    }

    public QueueLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The queue recipient whose lease was lost.</summary>
    public long RecipientId { get; }

    /// <summary>The token this node claimed it with.</summary>
    public long Token { get; }

    /// <summary>The token that holds it now, if any (null: the other node settled it already and ended its lease).</summary>
    public long? Holder { get; }
}
