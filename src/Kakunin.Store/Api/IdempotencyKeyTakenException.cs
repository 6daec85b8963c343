namespace Kakunin.Store.Api;

/// <summary>
/// Thrown inside a submission's write transaction when another request under the same Idempotency-Key committed
/// first: the transaction rolls back (nothing queued), and the caller answers from the first request's record.
/// </summary>
public sealed class IdempotencyKeyTakenException : Exception
{
    public IdempotencyKeyTakenException()
        : base("this Idempotency-Key was used by a request that committed first")
    {
    }

    public IdempotencyKeyTakenException(string message)
        : base(message)
    {
    }

    public IdempotencyKeyTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
