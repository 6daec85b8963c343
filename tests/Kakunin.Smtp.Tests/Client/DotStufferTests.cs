using System.Buffers;
using System.Text;
using CsCheck;
using Kakunin.Smtp.Client;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>RFC 5321 §4.5.2 transparency, in chunks of any size.</summary>
public sealed class DotStufferTests
{
    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a\r\n", "a\r\n.\r\n")]
    [InlineData(".", "..\r\n.\r\n")]
    [InlineData("a\r\n.\r\nb", "a\r\n..\r\nb\r\n.\r\n")]
    [InlineData("a\n.b\r\n", "a\n..b\r\n.\r\n")] // bare LF: still a line start on the wire (smuggling guard)
    [InlineData("x.y\r\n", "x.y\r\n.\r\n")]
    public void Stuffs_and_terminates(string input, string expected) =>
        Assert.Equal(expected, Stuff(Encoding.ASCII.GetBytes(input), 1000));

    [Fact]
    public void Chunk_boundaries_do_not_matter_and_unstuffing_gives_the_input_back() =>
        Gen.Select(Gen.OneOf((byte)'.', (byte)'\r', (byte)'\n', (byte)'a').Array[0, 200], Gen.Int[1, 17])
            .Sample((bytes, chunk) =>
            {
                var stuffed = Stuff(bytes, chunk);
                Assert.Equal(Stuff(bytes, bytes.Length + 1), stuffed);
                Assert.EndsWith("\r\n.\r\n", "\r\n" + stuffed, StringComparison.Ordinal);
                var body = stuffed[..^3]; // drop ".\r\n"
                var unstuffed = Unstuff(body);
                var original = Encoding.Latin1.GetString(bytes);
                // Complete() adds CRLF when the content did not end with one.
                Assert.True(unstuffed == original || unstuffed == original + "\r\n", $"{original} → {stuffed}");
            });

    private static string Stuff(byte[] input, int chunk)
    {
        var stuffer = new DotStuffer();
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < input.Length; i += chunk)
        {
            stuffer.Write(input.AsSpan(i, Math.Min(chunk, input.Length - i)), output);
        }
        stuffer.Complete(output);
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }

    private static string Unstuff(string s)
    {
        var sb = new StringBuilder();
        var atLineStart = true;
        for (var i = 0; i < s.Length; i++)
        {
            if (atLineStart && s[i] == '.')
            {
                i++; // skip the inserted dot; the next char is the original "."
                if (i >= s.Length)
                {
                    break;
                }
            }
            sb.Append(s[i]);
            atLineStart = s[i] == '\n';
        }
        return sb.ToString();
    }
}
