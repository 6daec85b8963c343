using Kakunin.Store.Space;
using Microsoft.Data.Sqlite;

namespace Kakunin.Store.Tests;

/// <summary>Sizes as administrators write them, the reserve's rules, and telling a full disk from other write failures.</summary>
public sealed class StorageSpaceTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("256MiB", 256L << 20)]
    [InlineData("256M", 256L << 20)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("500MB", 500_000_000L)]
    [InlineData(" 64 KiB ", 64L << 10)]
    public void Sizes_parse(string text, long bytes) => Assert.Equal(bytes, StorageSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("12x")]
    [InlineData("-5MiB")]
    [InlineData("99999999999TiB")]
    public void Non_sizes_do_not(string text) => Assert.Null(StorageSize.Parse(text));

    [Theory]
    [InlineData(0L, "0 bytes")]
    [InlineData(812L, "812 bytes")]
    [InlineData(16L << 20, "16 MiB")]
    [InlineData(6246400L, "6 MiB")]
    [InlineData(3L << 29, "1.5 GiB")]
    public void Sizes_format(long bytes, string text) => Assert.Equal(text, StorageSize.Format(bytes));

    [Fact]
    public void The_reserve_refuses_below_it_warns_below_twice_it_and_a_message_needs_twice_its_size_above_it()
    {
        const long MiB = 1 << 20;
        var reading = new SpaceReading(Free: 40 * MiB, Size: 100 * MiB, Reserve: 16 * MiB);
        Assert.False(reading.IsBelowReserve);
        Assert.False(reading.IsNearReserve);
        Assert.True(reading.HasRoomFor(12 * MiB));
        Assert.False(reading.HasRoomFor(13 * MiB)); // (40 - 16) / 2 = 12 MiB
        Assert.True((reading with { Free = 20 * MiB }).IsNearReserve);
        Assert.True((reading with { Free = 15 * MiB }).IsBelowReserve);
        Assert.True((reading with { Free = 0, Reserve = 0 }).IsBelowReserve); // nothing free refuses even with no reserve
        Assert.False((reading with { Free = 1, Reserve = 0 }).IsBelowReserve);
    }

    [Fact]
    public void Free_space_is_read_from_the_file_system_and_unknown_when_it_cannot_be()
    {
        var reading = new StorageSpace(Path.GetTempPath(), 5).Read();
        Assert.NotNull(reading);
        Assert.InRange(reading.Value.Free, 1, reading.Value.Size);
        Assert.Equal(5, reading.Value.Reserve);

        Assert.Null(new StorageSpace(Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N")), 0).Read());
    }

    [Fact]
    public void A_full_disk_is_recognised_from_sqlite_the_kernel_or_the_reserve_and_nothing_else_is()
    {
        var space = new StorageSpace(Path.GetTempPath(), 0);
        Assert.True(OutOfSpace.Is(new SqliteException("database or disk is full", 13), space));
        Assert.True(OutOfSpace.Is(DevFullWrite(), space)); // ENOSPC, for real
        Assert.True(OutOfSpace.Is(new StorageFullException("below the reserve"), space));
        Assert.True(OutOfSpace.Is(new AggregateException(new SqliteException("database or disk is full", 13)), space));

        Assert.False(OutOfSpace.Is(new SqliteException("disk I/O error", 10), space)); // plenty free here: an I/O error is not "full"
        Assert.True(OutOfSpace.Is(new SqliteException("disk I/O error", 10), new StorageSpace(Path.GetTempPath(), long.MaxValue / 4)));
        Assert.False(OutOfSpace.Is(new SqliteException("database disk image is malformed", 11), space));
        Assert.False(OutOfSpace.Is(new UnauthorizedAccessException("denied"), space));
        Assert.False(OutOfSpace.Is(null, space));
    }

    // /dev/full refuses every write with ENOSPC.
    private static IOException DevFullWrite()
    {
        try
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            full.Write(new byte[16]);
            full.Flush();
        }
        catch (IOException e)
        {
            return e;
        }

        throw new InvalidOperationException("/dev/full accepted a write");
    }
}
