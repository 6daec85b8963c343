namespace Kakunin.Store.Space;

/// <summary>One measurement of the data folder's file system: bytes free, its size, and the reserve kept on it.</summary>
public readonly record struct SpaceReading(long Free, long Size, long Reserve)
{
    /// <summary>
    /// Storing a message of n bytes needs about twice n beyond the spool file that already holds it: once in the WAL
    /// at commit, once more in the database file at the checkpoint (docs/storage.md, measured).
    /// </summary>
    public const int WriteAmplification = 2;

    /// <summary>
    /// Below the reserve, or nothing at all free (with no reserve too): new mail is refused (SMTP 452 4.3.1, the webmail
    /// says so), /health is failing.
    /// </summary>
    public bool IsBelowReserve => Free < Math.Max(Reserve, 1);

    /// <summary>Less than twice the reserve free: still accepting, /health is degraded so that someone looks before it fills.</summary>
    public bool IsNearReserve => Free < 2 * Reserve;

    /// <summary>Bytes that may still be taken by new mail before the reserve is reached.</summary>
    public long Available => Math.Max(0, Free - Reserve);

    /// <summary>Whether a message of <paramref name="size"/> bytes can be stored without eating into the reserve.</summary>
    public bool HasRoomFor(long size) => !IsBelowReserve && (size <= 0 || Available / WriteAmplification >= size);
}
