using Kakunin.Imap.Server;

namespace Kakunin.Imap.Tests.Server;

/// <summary>The sequence map never writes the UID array it was given: the backend shares one array among sessions.</summary>
public sealed class SequenceMapTests
{
    [Fact]
    public void Changes_to_one_map_leave_the_shared_array_and_the_other_map_alone()
    {
        uint[] shared = [1, 2, 3, 5, 8];
        var a = new SequenceMap(shared);
        var b = new SequenceMap(shared);

        // RFC 9051 §7.5.1: expunging UIDs 2 and 5 reports sequence 2, then 3 (5 was 4th, 3rd once 2 is gone).
        Assert.Equal([2, 3], a.Remove([2u, 5u]));
        a.Append([9u, 10u]);

        Assert.Equal([1u, 2u, 3u, 5u, 8u], shared);
        Assert.Equal(5, b.Count);
        Assert.Equal(4, b.SeqOf(5));
        Assert.Equal(5, a.Count);
        Assert.Equal([1u, 3u, 8u, 9u, 10u], a.Slice(1, a.Count).ToArray());
        Assert.Equal(10u, a.MaxUid);
    }

    [Fact]
    public void Appending_to_a_shared_map_keeps_its_numbers()
    {
        uint[] shared = [4, 7];
        var map = new SequenceMap(shared);
        map.Append([11u]);
        map.Append([12u, 13u]);
        Assert.Equal([4u, 7u, 11u, 12u, 13u], map.Slice(1, 5).ToArray());
        Assert.Equal(3, map.SeqOf(11));
        Assert.Equal([4u, 7u], shared);
    }
}
