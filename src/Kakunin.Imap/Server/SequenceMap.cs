namespace Kakunin.Imap.Server;

/// <summary>
/// Message sequence numbers of the selected folder (RFC 9051 §2.3.1.2): number n is the n-th UID, ascending. Only
/// the UIDs are kept (4 octets a message), never flags. The array it starts from is treated as shared and never
/// written: the backend may hand the same array to every session that selects an unchanged folder (200 sessions
/// idling on a 100,000-message folder then hold 400 KB, not 80 MB); the map copies it on its first change.
/// </summary>
public sealed class SequenceMap(uint[] uids)
{
    private uint[] _uids = uids;
    private int _count = uids.Length;
    private bool _shared = true;

    public int Count => _count;

    /// <summary>The largest UID, 0 when empty.</summary>
    public uint MaxUid => _count == 0 ? 0 : _uids[_count - 1];

    /// <summary>The UID of sequence number <paramref name="seq"/> (1-based).</summary>
    public uint UidAt(int seq) => _uids[seq - 1];

    /// <summary>The sequence number of a UID, 0 when it is not in the map.</summary>
    public int SeqOf(uint uid)
    {
        var i = Array.BinarySearch(_uids, 0, _count, uid);
        return i < 0 ? 0 : i + 1;
    }

    /// <summary>The UIDs of sequence numbers <paramref name="first"/> to <paramref name="last"/> (both 1-based, in range).</summary>
    public ReadOnlySpan<uint> Slice(int first, int last) => _uids.AsSpan(first - 1, last - first + 1);

    /// <summary>The UIDs of the map between <paramref name="first"/> and <paramref name="last"/> inclusive.</summary>
    public ReadOnlySpan<uint> UidsBetween(uint first, uint last)
    {
        var start = LowerBound(first);
        var end = LowerBound(last == uint.MaxValue ? last : last + 1);
        if (last == uint.MaxValue)
        {
            end = _count;
        }

        return _uids.AsSpan(start, Math.Max(0, end - start));
    }

    /// <summary>Adds UIDs greater than every UID in the map (new messages), ascending.</summary>
    public void Append(IEnumerable<uint> newUids)
    {
        ArgumentNullException.ThrowIfNull(newUids);
        foreach (var uid in newUids)
        {
            if (_count == _uids.Length || _shared)
            {
                Own(Math.Max(16, Math.Max(_count + 1, _uids.Length * 2)));
            }

            _uids[_count++] = uid;
        }
    }

    /// <summary>
    /// Removes UIDs and returns the sequence numbers to report, in order, each as it stands after the ones before it
    /// were removed (RFC 9051 §7.5.1: every EXPUNGE shifts the numbers above it down by one).
    /// </summary>
    public List<int> Remove(IReadOnlyCollection<uint> removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        var set = removed as HashSet<uint> ?? [.. removed];
        var reports = new List<int>();
        if (_shared)
        {
            Own(_uids.Length);
        }

        var write = 0;
        for (var read = 0; read < _count; read++)
        {
            if (set.Contains(_uids[read]))
            {
                reports.Add(read - reports.Count + 1);
            }
            else
            {
                _uids[write++] = _uids[read];
            }
        }

        _count = write;
        return reports;
    }

    // A private copy of the UIDs with room for <paramref name="length"/>, before the first change.
    private void Own(int length)
    {
        var own = new uint[length];
        Array.Copy(_uids, own, _count);
        _uids = own;
        _shared = false;
    }

    private int LowerBound(uint uid)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_uids[mid] < uid)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
