using System.Text;
using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>RFC 3030 §2 / RFC 5321 §2.3.8 on BDAT content: the same verdict however the chunks split it.</summary>
public sealed class ChunkContentScannerTests
{
    public static TheoryData<string, bool, bool> Contents => new()
    {
        { "a\r\nb\r\n", false, false },
        { "", false, false },
        { "\r\n", false, false },
        { "a\r\n\r\n.\r\n", false, false }, // a "." line is content in BDAT
        { "hello\n.\nMAIL FROM:<x@y>\r\n", true, false },
        { "hello\r.\rMAIL FROM:<x@y>\r\n", true, false },
        { "hello\n.\r\nMAIL FROM:<x@y>\r\n", true, false },
        { "hello\r\n.\nMAIL FROM:<x@y>\r\n", true, false },
        { "hello\r.\r\nMAIL FROM:<x@y>\r\n", true, false },
        { "ab\r", true, false }, // CR at the very end
        { "\nab\r\n", true, false }, // LF at the very start
        { "a\r\r\n", true, false },
        { "a\0b\r\n", false, true },
        { "a\0\n", true, true },
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public void Same_verdict_whole_split_at_every_position_and_byte_by_byte(string content, bool bare, bool nul)
    {
        var bytes = Encoding.Latin1.GetBytes(content);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var scanner = new ChunkContentScanner();
            scanner.Feed(bytes.AsSpan(0, split));
            scanner.Feed(bytes.AsSpan(split));
            scanner.Complete();
            Assert.True((bare, nul) == (scanner.BareLineEnding, scanner.Nul), $"split at {split}: bare {scanner.BareLineEnding}, nul {scanner.Nul}");
        }

        var byByte = new ChunkContentScanner();
        foreach (var b in bytes)
        {
            byByte.Feed([b]);
        }

        byByte.Complete();
        Assert.Equal((bare, nul), (byByte.BareLineEnding, byByte.Nul));
    }

    [Fact]
    public void A_cr_ending_one_chunk_waits_for_the_next_before_it_counts()
    {
        var scanner = new ChunkContentScanner();
        scanner.Feed("ab\r"u8);
        Assert.False(scanner.BareLineEnding);
        scanner.Feed("\ncd\r\n"u8);
        scanner.Complete();
        Assert.False(scanner.BareLineEnding);
    }
}
