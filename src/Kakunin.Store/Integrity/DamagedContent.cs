namespace Kakunin.Store.Integrity;

/// <summary>Where damaged bytes were found: a message in a user's mailbox, or a message waiting in the queue.</summary>
public enum DamagedContentSource
{
    Mailbox,
    Queue,
}

/// <summary>
/// Stored bytes that no longer have the checksum recorded when they were written: found on a read, never altered.
/// <paramref name="Id"/> is the mailbox message id or the queue message row id; <paramref name="Name"/> says which, for
/// people (<c>message 17 of bob@example.test</c>, <c>queued message 20261205T1200-AB12</c>).
/// </summary>
public sealed record DamagedContent(DamagedContentSource Source, long Id, string Name, string Expected, string Found, long Size)
{
    public string SourceText => Source == DamagedContentSource.Mailbox ? "mailbox" : "queue";

    /// <summary>One sentence for the log and the CLI.</summary>
    public string Describe() =>
        $"{Name} is damaged: its {Size} stored bytes have SHA-256 {Found}, not the {Expected} recorded when they were written; it is left as it is (restore it from a backup, docs/storage.md)";
}

/// <summary>A read found damaged bytes where the caller cannot go on with them (the queue: they are neither delivered nor sent).</summary>
public sealed class DamagedContentException : InvalidOperationException
{
    public DamagedContentException(DamagedContent damage)
        : base(damage?.Describe())
    {
        ArgumentNullException.ThrowIfNull(damage);
        Damage = damage;
    }

    public DamagedContentException()
    {
        Damage = new DamagedContent(DamagedContentSource.Mailbox, 0, "a message", string.Empty, string.Empty, 0);
    }

    public DamagedContentException(string message)
        : base(message)
    {
        Damage = new DamagedContent(DamagedContentSource.Mailbox, 0, "a message", string.Empty, string.Empty, 0);
    }

    public DamagedContentException(string message, Exception inner)
        : base(message, inner)
    {
        Damage = new DamagedContent(DamagedContentSource.Mailbox, 0, "a message", string.Empty, string.Empty, 0);
    }

    public DamagedContent Damage { get; }
}
