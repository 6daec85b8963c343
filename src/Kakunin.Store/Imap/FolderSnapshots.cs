namespace Kakunin.Store.Imap;

/// <summary>
/// The folders opened last (by folder id), each as it stood at its HIGHESTMODSEQ, so opening one again reads only
/// what changed since (<see cref="ImapMailRepository.OpenAsync"/>). Snapshots are immutable and shared: the sessions
/// that selected a folder hold the same UID array (each copies it before changing its own view). Bounded: past
/// <c>capacity</c> folders the one used longest ago is forgotten. Safe for concurrent use.
/// </summary>
internal sealed class FolderSnapshots(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, (FolderSnapshot Snapshot, long Used)> _byFolder = [];
    private long _clock;

    public FolderSnapshot? Get(long folderId)
    {
        lock (_lock)
        {
            if (!_byFolder.TryGetValue(folderId, out var entry))
            {
                return null;
            }

            _byFolder[folderId] = (entry.Snapshot, ++_clock);
            return entry.Snapshot;
        }
    }

    /// <summary>Remembers a snapshot unless a newer one of the same folder is already there (two sessions opening at once).</summary>
    public void Put(FolderSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_byFolder.TryGetValue(snapshot.FolderId, out var entry) && entry.Snapshot.UidValidity == snapshot.UidValidity
                && entry.Snapshot.HighestModSeq > snapshot.HighestModSeq)
            {
                return;
            }

            _byFolder[snapshot.FolderId] = (snapshot, ++_clock);
            if (_byFolder.Count > capacity)
            {
                var oldest = _byFolder.MinBy(e => e.Value.Used).Key;
                _byFolder.Remove(oldest);
            }
        }
    }
}
