namespace Kakunin.Store.Space;

/// <summary>
/// New mail was not stored because the data folder's file system is full or below its reserve: nothing of it was
/// kept, and the sender should try again later (SMTP 452 4.3.1). <see cref="Reading"/> says how full, when known.
/// </summary>
public sealed class StorageFullException : IOException
{
    public StorageFullException(string message, SpaceReading? reading, long? messageSize = null, Exception? inner = null)
        : base(message, inner)
    {
        Reading = reading;
        MessageSize = messageSize;
    }

    public StorageFullException()
    {
    }

    public StorageFullException(string message)
        : base(message)
    {
    }

    public StorageFullException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Free space, size and reserve when the mail was refused; null when they could not be read.</summary>
    public SpaceReading? Reading { get; }

    /// <summary>The size of the message that did not fit above the reserve, when that was the reason.</summary>
    public long? MessageSize { get; }
}
