namespace Kakunin.Store.Space;

/// <summary>
/// Free space on the file system that holds the data folder (the database, its WAL and the SMTP spool all live
/// there), and the reserve kept on it: while less than <see cref="Reserve"/> is free, new mail is refused so that what
/// was already accepted can still be delivered, reported (DSNs) and tracked (Postfix's queue_minfree; docs/storage.md).
/// </summary>
public sealed class StorageSpace
{
    /// <param name="folder">The data folder; any folder on the file system to measure.</param>
    /// <param name="reserve">Bytes to keep free for what was already accepted; 0 keeps none (only real write failures refuse mail).</param>
    public StorageSpace(string folder, long reserve)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(reserve);
        Folder = Path.GetFullPath(folder);
        Reserve = reserve;
    }

    /// <summary>The data folder (full path).</summary>
    public string Folder { get; }

    /// <summary>Bytes kept free for deliveries, DSNs and tracking once acceptance stops.</summary>
    public long Reserve { get; }

    /// <summary>
    /// Measures now (one statvfs(2) call, a few microseconds: cheap enough for every MAIL). Free space is what an
    /// unprivileged process may still use (f_bavail), not counting ext4's blocks reserved for root, because that is
    /// what the server, running as its own user, can write. Null when the file system cannot be asked (the folder
    /// was removed): the caller decides what unknown means.
    /// </summary>
    public SpaceReading? Read()
    {
        try
        {
            var drive = new DriveInfo(Folder);
            return new SpaceReading(drive.AvailableFreeSpace, drive.TotalSize, Reserve);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
