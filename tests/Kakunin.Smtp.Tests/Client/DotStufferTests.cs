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
    [InlineData("a\n.b\r\n", "a\r\n..b\r\n.\r\n")] // bare LF: written as CRLF, and the next line is stuffed
    [InlineData("a\rb", "a\r\nb\r\n.\r\n")] // bare CR: written as CRLF
    [InlineData("a\r", "a\r\n.\r\n")] // CR at the very end
    [InlineData("a\r\r\n", "a\r\n\r\n.\r\n")] // CR CR LF: a bare CR, then a CRLF
    [InlineData("a\n\r", "a\r\n\r\n.\r\n")] // LF CR: two line ends
    [InlineData("\n", "\r\n.\r\n")]
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
                AssertCrlfOnly(stuffed);
                var unstuffed = Unstuff(body);
                var original = Canonical(Encoding.Latin1.GetString(bytes));
                // Complete() adds CRLF when the content did not end with one.
                Assert.True(unstuffed == original || unstuffed == original + "\r\n", $"{original} → {stuffed}");
            });

    // Every smuggling shape (CVE-2023-51764 family): an end of data a lenient peer might see, then a second message.
    public static TheoryData<string> SmugglingShapes => ["\n.\n", "\r.\r", "\n.\r\n", "\r\n.\n", "\r.\r\n", "\r\n.\r", "\n.\r", "\r.\n"];

    [Theory]
    [MemberData(nameof(SmugglingShapes))]
    public void A_smuggling_shape_goes_out_as_crlf_lines_with_no_early_end_of_data_whatever_the_chunking(string shape)
    {
        var input = Encoding.ASCII.GetBytes("Subject: x\r\n\r\nhello" + shape + "MAIL FROM:<evil@example.test>\r\n");
        var whole = Stuff(input, input.Length + 1);
        AssertCrlfOnly(whole);
        // The only CRLF "." CRLF is the real end: the would-be end of data went out as a stuffed ".." line.
        Assert.Equal(whole.Length - 3, ("\r\n" + whole).IndexOf("\r\n.\r\n", StringComparison.Ordinal));
        Assert.Contains("\r\n..\r\n", whole, StringComparison.Ordinal);

        // Split in two at every position (a CR at the end of one chunk, an LF at the start of the next), and byte by byte.
        for (var split = 0; split <= input.Length; split++)
        {
            Assert.Equal(whole, StuffSplit(input, split));
        }

        Assert.Equal(whole, Stuff(input, 1));
    }

    private static void AssertCrlfOnly(string wire)
    {
        for (var i = 0; i < wire.Length; i++)
        {
            if (wire[i] == '\r')
            {
                Assert.True(i + 1 < wire.Length && wire[i + 1] == '\n', $"bare CR at {i}: {wire}");
            }
            else if (wire[i] == '\n')
            {
                Assert.True(i > 0 && wire[i - 1] == '\r', $"bare LF at {i}: {wire}");
            }
        }
    }

    // The reference: CRLF stays, every other CR or LF becomes CRLF.
    private static string Canonical(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "\r\n", StringComparison.Ordinal);

    private static string StuffSplit(byte[] input, int split)
    {
        var stuffer = new DotStuffer();
        var output = new ArrayBufferWriter<byte>();
        stuffer.Write(input.AsSpan(0, split), output);
        stuffer.Write(input.AsSpan(split), output);
        stuffer.Complete(output);
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }

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
